import Wire

/// The trace a service continues when a request arrives, and passes on to the calls it makes.
/// It reads and writes both the W3C headers (`traceparent`, `tracestate`) and X-Ray's
/// `X-Amzn-Trace-Id`, which name the same 16-byte trace id.
public struct TraceContext: Sendable, Equatable {
  public var traceID: TraceID
  /// The caller's span (its segment or subsegment id); `nil` for a new root.
  public var parentID: SpanID?
  public var sampled: Bool
  public var traceState: TraceState

  public init(
    traceID: TraceID, parentID: SpanID?, sampled: Bool, traceState: TraceState = TraceState()
  ) {
    self.traceID = traceID
    self.parentID = parentID
    self.sampled = sampled
    self.traceState = traceState
  }

  static let traceParentName = "traceparent"
  static let traceStateName = "tracestate"
  static let xrayName = "X-Amzn-Trace-Id"

  /// The incoming context, or `nil` when no valid trace header came (start a new trace then).
  ///
  /// A single valid `traceparent` wins, with its `tracestate` (dropped when invalid, §3.3.1.1);
  /// more than one `traceparent` line is invalid and ignored (§3.2). Only then is
  /// `X-Amzn-Trace-Id` read, as a single line; its undecided `Sampled=?` counts as sampled,
  /// since the lab records every request. W3C wins over a valid X-Ray header with a different
  /// trace id too: it is the vendor-neutral standard, and a hop that rewrote `traceparent` but
  /// forwarded a stale X-Ray header is the likelier story than the reverse.
  public static func extract(from headers: HTTPHeaders) -> TraceContext? {
    let parents = headers.values(traceParentName)
    if parents.count == 1, let parent = TraceParent(parents[0]) {
      return TraceContext(
        traceID: parent.traceID, parentID: parent.parentID, sampled: parent.sampled,
        traceState: TraceState(headers.values(traceStateName)) ?? TraceState())
    }
    let xrays = headers.values(xrayName)
    if xrays.count == 1, let xray = XRayTraceHeader(xrays[0]) {
      return TraceContext(traceID: xray.root, parentID: xray.parent, sampled: xray.sampled ?? true)
    }
    return nil
  }

  /// A new root context with a fresh trace id stamped with `epochSeconds`.
  public static func start(epochSeconds: Int, sampled: Bool = true) -> TraceContext {
    TraceContext(traceID: .random(epochSeconds: epochSeconds), parentID: nil, sampled: sampled)
  }

  /// Writes `traceparent` (and `tracestate` when it has members) and `X-Amzn-Trace-Id`, each
  /// naming `spanID` (the span making the call) as the parent, replacing any earlier ones.
  public func inject(into headers: inout HTTPHeaders, parent spanID: SpanID) {
    headers.set(
      Self.traceParentName,
      TraceParent(traceID: traceID, parentID: spanID, sampled: sampled).headerValue)
    if traceState.entries.isEmpty {
      headers.remove(Self.traceStateName)
    } else {
      headers.set(Self.traceStateName, traceState.headerValue)
    }
    headers.set(
      Self.xrayName, XRayTraceHeader(root: traceID, parent: spanID, sampled: sampled).headerValue)
  }
}
