import Wire

/// A route's fault filter, compiled (Envoy `envoy.filters.http.fault`; the `fault` extension,
/// see `FaultConfig`). Percentages are kept in parts per million, Envoy's finest denominator.
public struct FaultPolicy: Sendable, Equatable {
  /// The longest delay a request header may ask for: one minute.
  public static let maximumHeaderDelay: UInt64 = 60_000_000_000

  public var abortStatus: Int?
  public var abortPerMillion: UInt64?
  public var delay: UInt64?
  public var delayPerMillion: UInt64?
  public var headerOverrides: Bool

  public init(_ config: FaultConfig) {
    abortStatus = config.abort?.httpStatus
    abortPerMillion = config.abort.map { Self.perMillion($0.percentage) }
    delay = config.delay?.fixedDelay?.nanoseconds
    delayPerMillion = config.delay.map { Self.perMillion($0.percentage) }
    headerOverrides = config.headerOverrides
  }

  private static func perMillion(_ percentage: Double) -> UInt64 {
    UInt64((min(max(percentage, 0), 100) * 10_000).rounded())
  }

  /// Decides for one request. `random` is any uniformly spread 64-bit value: its low half draws
  /// the abort, its high half the delay, so the two are independent.
  ///
  /// With `headerOverrides`, `x-envoy-fault-abort-request` (200–599) and `x-envoy-fault-delay-request`
  /// (milliseconds) replace the configured status and delay, and the `…-percentage` headers
  /// (0–100) lower the configured percentage; without a configured `abort`/`delay` the headers
  /// do nothing, as in Envoy.
  public func decide(headers: HTTPHeaders, random: UInt64) -> FaultDecision {
    var decision = FaultDecision.none
    if var perMillion = delayPerMillion {
      var chosen = delay
      if headerOverrides {
        if let millis = Self.number(
          headers["x-envoy-fault-delay-request"], in: 0...(Self.maximumHeaderDelay / 1_000_000))
        {
          chosen = millis * 1_000_000
        }
        perMillion = Self.lowered(perMillion, by: headers["x-envoy-fault-delay-request-percentage"])
      }
      if let chosen, Self.draw(UInt32(truncatingIfNeeded: random >> 32), below: perMillion) {
        decision.delay = chosen
      }
    }
    if var perMillion = abortPerMillion {
      var status = abortStatus
      if headerOverrides {
        if let code = Self.number(headers["x-envoy-fault-abort-request"], in: 200...599) {
          status = Int(code)
        }
        perMillion = Self.lowered(perMillion, by: headers["x-envoy-fault-abort-request-percentage"])
      }
      if let status, Self.draw(UInt32(truncatingIfNeeded: random), below: perMillion) {
        decision.abortStatus = status
      }
    }
    return decision
  }

  /// A header's whole number within `range`, or `nil`.
  private static func number(_ value: String?, in range: ClosedRange<UInt64>) -> UInt64? {
    guard let value, let number = UInt64(value.trimmingASCIISpaces()), range.contains(number) else {
      return nil
    }
    return number
  }

  /// The configured share, lowered to a header's percentage (0–100) when one is given.
  private static func lowered(_ perMillion: UInt64, by header: String?) -> UInt64 {
    guard let percent = number(header, in: 0...100) else { return perMillion }
    return min(perMillion, percent * 10_000)
  }

  /// Whether a 32-bit draw falls in the first `perMillion` millionths of its range.
  private static func draw(_ random: UInt32, below perMillion: UInt64) -> Bool {
    (UInt64(random) &* 1_000_000) >> 32 < perMillion
  }
}
