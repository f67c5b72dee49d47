/// What the fault filter does to one request: wait `delay` nanoseconds first (flag `DI`), then
/// answer `abortStatus` with body `fault filter abort` instead of forwarding (flag `FI`).
public struct FaultDecision: Sendable, Equatable {
  public var delay: UInt64?
  public var abortStatus: Int?

  public static let none = FaultDecision(delay: nil, abortStatus: nil)

  /// Envoy's body for an aborted request.
  public static let abortBody: StaticString = "fault filter abort"

  public init(delay: UInt64?, abortStatus: Int?) {
    self.delay = delay
    self.abortStatus = abortStatus
  }

  public var isNone: Bool { delay == nil && abortStatus == nil }

  /// The access log flags the decision sets.
  public var flags: ResponseFlags {
    var flags: ResponseFlags = []
    if delay != nil { flags.insert(.delayInjected) }
    if abortStatus != nil { flags.insert(.faultInjected) }
    return flags
  }
}
