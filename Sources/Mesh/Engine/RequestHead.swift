import Wire

/// The request head of a downstream connection's current exchange, copied out of the input
/// buffer (which moves on to the body and the next request) into storage the connection keeps
/// from one request to the next, so a request costs no allocation here: the head's bytes, where
/// its parts lie, and the ``HTTPRequestHead`` with Strings, built only when something asks for
/// it (mesh routing, the fault filter, tracing, the access log).
struct RequestHead {
  /// The head as received, from the request line to the last field.
  private(set) var bytes: [UInt8] = []
  /// Where its parts lie in `bytes`.
  private(set) var ranges = HTTPRequestHeadRanges(
    method: .get, target: 0..<0, minorVersion: 1, fields: [])
  /// Whether a field's name starts with `x-envoy-` (Envoy's per-request overrides).
  private(set) var hasEnvoyFields = false
  private var strings: HTTPRequestHead?

  var method: HTTPMethod { ranges.method }
  var minorVersion: Int { ranges.minorVersion }

  /// Takes the head that `parsed` locates at the start of `buffer`.
  mutating func copy(_ parsed: HTTPRequestHeadRanges, from buffer: UnsafeRawBufferPointer) {
    let end = parsed.fields.last?.value.upperBound ?? parsed.target.upperBound
    bytes.removeAll(keepingCapacity: true)
    bytes.append(0..<end, of: buffer)
    ranges.fields.removeAll(keepingCapacity: true)
    ranges.fields.append(contentsOf: parsed.fields)
    ranges.method = parsed.method
    ranges.target = parsed.target
    ranges.minorVersion = parsed.minorVersion
    strings = nil
    hasEnvoyFields = parsed.fields.contains { field in
      field.name.count > 8
        && UnsafeBufferPointer(rebasing: field.name(in: buffer).prefix(8))
          .equalsLowercase("x-envoy-")
    }
  }

  /// The head with Strings (built on first use, then kept until the next request).
  var head: HTTPRequestHead {
    mutating get {
      if let strings { return strings }
      let built = bytes.withUnsafeBytes { ranges.head(in: $0) }
      strings = built
      return built
    }
  }

  /// The fields Envoy's routes read per request (`x-envoy-upstream-rq-timeout-ms`,
  /// `x-envoy-retry-on`…): all named `x-envoy-*`, so a request without one needs no Strings.
  var envoyOverrides: HTTPHeaders {
    mutating get { hasEnvoyFields ? head.headers : HTTPHeaders() }
  }

  /// RFC 9112 §9.3: whether the client wants the connection kept open.
  var wantsKeepAlive: Bool { bytes.withUnsafeBytes { ranges.wantsKeepAlive(in: $0) } }
}
