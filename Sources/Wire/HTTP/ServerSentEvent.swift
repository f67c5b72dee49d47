/// One Server-Sent Event (HTML Living Standard §9.2, "event stream" format).
public struct ServerSentEvent: Sendable, Equatable {
  public var id: String?
  public var event: String?
  public var data: String
  /// Reconnection time the client should use, in milliseconds.
  public var retry: Int?

  public init(id: String? = nil, event: String? = nil, data: String, retry: Int? = nil) {
    self.id = id
    self.event = event
    self.data = data
    self.retry = retry
  }

  /// The event's wire form: one `field: value` line each, `data` split on line breaks
  /// (CRLF, CR or LF) into several `data:` lines, a blank line at the end. Line breaks in
  /// `id` and `event` would end the field early, so they are removed.
  public var encoded: [UInt8] {
    var text = ""
    if let id { text += "id: \(Self.singleLine(id))\n" }
    if let event { text += "event: \(Self.singleLine(event))\n" }
    if let retry { text += "retry: \(retry)\n" }
    var line = ""
    var previousWasCR = false
    for character in data.unicodeScalars {
      switch character {
      case "\r":
        text += "data: \(line)\n"
        line = ""
        previousWasCR = true
        continue
      case "\n":
        if !previousWasCR {
          text += "data: \(line)\n"
          line = ""
        }
      default:
        line.unicodeScalars.append(character)
      }
      previousWasCR = false
    }
    if !previousWasCR || !line.isEmpty { text += "data: \(line)\n" }
    text += "\n"
    return Array(text.utf8)
  }

  /// A comment line, used as a keep-alive that clients ignore.
  public static func comment(_ text: String) -> [UInt8] { Array(": \(singleLine(text))\n\n".utf8) }

  /// The response head for an event stream; the body streams through `producer`.
  public static func response(_ producer: @escaping @Sendable (ResponseBodyWriter) -> Void)
    -> HTTPResponse
  {
    HTTPResponse(
      status: .ok,
      headers: ["Content-Type": "text/event-stream", "Cache-Control": "no-store"],
      body: .stream(producer))
  }

  /// An event stream written by `run` in a task of its own, cancelled when the client goes.
  public static func stream(_ run: @escaping @Sendable (ResponseBodyWriter) async -> Void)
    -> HTTPResponse
  {
    response { writer in
      let task = Task { await run(writer) }
      writer.onClose { task.cancel() }
    }
  }

  private static func singleLine(_ text: String) -> String {
    String(
      text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" && $0 != "\0" }.map(Character.init))
  }
}
