/// What the active faults do to one request, decided when it arrives.
public struct RequestFaults: Sendable, Equatable {
  /// Added latency before the request is handled.
  public var delayMilliseconds = 0
  /// A status to answer instead of handling the request.
  public var errorStatus: Int?
  /// The process exits with this code instead of answering.
  public var crashExitCode: Int32?

  public init(delayMilliseconds: Int = 0, errorStatus: Int? = nil, crashExitCode: Int32? = nil) {
    self.delayMilliseconds = delayMilliseconds
    self.errorStatus = errorStatus
    self.crashExitCode = crashExitCode
  }
}
