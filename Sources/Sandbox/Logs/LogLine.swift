/// One captured line of a process's output.
public struct LogLine: Sendable, Codable, Equatable {
  public enum Stream: String, Sendable, Codable { case stdout, stderr }

  public var stream: Stream
  /// The line without its newline; at most ``LineSplitter/maxLineBytes`` bytes.
  public var text: String
  /// `true` when the line was longer than the limit and continues in the next record.
  public var continues: Bool
  /// Wall-clock time of capture, milliseconds since 1970.
  public var timeMillis: Int64

  public init(stream: Stream, text: String, continues: Bool = false, timeMillis: Int64) {
    self.stream = stream
    self.text = text
    self.continues = continues
    self.timeMillis = timeMillis
  }
}
