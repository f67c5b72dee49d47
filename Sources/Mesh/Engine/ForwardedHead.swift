import Wire

/// Writes the heads the proxy forwards: the request head for the upstream and the response head
/// for the downstream, with hop-by-hop fields removed (RFC 9110 §7.6.1) and the fields Envoy
/// adds. Framing fields (`Content-Length`, `Transfer-Encoding`) pass unchanged because the
/// body bytes pass unchanged.
enum ForwardedHead {
  /// What the upstream request carries besides the client's own fields.
  struct RequestAdditions {
    /// The downstream peer's address, appended to `x-forwarded-for`.
    var clientAddress: String
    /// Written as `host` when the request has none (an HTTP/1.0 client).
    var authority: String
    /// `x-envoy-expected-rq-timeout-ms`: the time the route gives the upstream.
    var timeoutMilliseconds: Int
    /// Extra fields (trace headers), written last; fields of the same names are dropped.
    var extra: HTTPHeaders = [:]
  }

  /// The fields this file treats specially, found by length first so ordinary fields cost
  /// one switch.
  private enum Special {
    case none, hopByHop, forwardedFor, forwardedProto, requestID, expectedTimeout, server
    case serviceTime

    init(_ name: String) {
      let utf8 = name.utf8
      switch utf8.count {
      case 2: self = name.equalsLowercase("te") ? .hopByHop : .none
      case 6: self = name.equalsLowercase("server") ? .server : .none
      case 7: self = name.equalsLowercase("upgrade") ? .hopByHop : .none
      case 10:
        self =
          name.equalsLowercase("connection") || name.equalsLowercase("keep-alive")
          ? .hopByHop : .none
      case 12: self = name.equalsLowercase("x-request-id") ? .requestID : .none
      case 15: self = name.equalsLowercase("x-forwarded-for") ? .forwardedFor : .none
      case 16: self = name.equalsLowercase("proxy-connection") ? .hopByHop : .none
      case 17: self = name.equalsLowercase("x-forwarded-proto") ? .forwardedProto : .none
      case 29:
        self = name.equalsLowercase("x-envoy-upstream-service-time") ? .serviceTime : .none
      case 30:
        self =
          name.equalsLowercase("x-envoy-expected-rq-timeout-ms") ? .expectedTimeout : .none
      default: self = .none
      }
    }
  }

  /// The upstream request head. A missing `x-request-id` is generated (a version 4 UUID) and
  /// the value used is left in `requestID`.
  static func appendRequest(
    _ head: HTTPRequestHead, additions: RequestAdditions, random: inout RandomSource,
    requestID: inout [UInt8], into out: inout [UInt8]
  ) {
    out.append(text: head.method.rawValue)
    out.append(UInt8(ascii: " "))
    out.append(text: head.target)
    out.append(literal: " HTTP/1.1\r\n")
    let nominated = nominatedFields(head.headers)
    let lastForwardedFor = head.headers.fields.lastIndex {
      Special($0.name) == .forwardedFor
    }
    var hasHost = false
    var hasProto = false
    requestID.removeAll(keepingCapacity: true)
    for (index, field) in head.headers.fields.enumerated() {
      switch Special(field.name) {
      case .hopByHop, .expectedTimeout: continue
      case .forwardedFor where index == lastForwardedFor:
        HTTPSerializer.appendField(
          name: field.name, value: "\(field.value), \(additions.clientAddress)", into: &out)
        continue
      case .requestID where requestID.isEmpty:
        requestID.append(text: field.value)
      case .forwardedProto: hasProto = true
      default: break
      }
      if let nominated, nominated.contains(where: { field.name.equalsIgnoringASCIICase($0) }) {
        continue
      }
      if !additions.extra.fields.isEmpty, additions.extra.contains(field.name) { continue }
      if !hasHost, field.name.equalsLowercase("host") { hasHost = true }
      appendParsed(field, into: &out)
    }
    if !hasHost { HTTPSerializer.appendField(name: "host", value: additions.authority, into: &out) }
    if lastForwardedFor == nil {
      HTTPSerializer.appendField(
        name: "x-forwarded-for", value: additions.clientAddress, into: &out)
    }
    if !hasProto { out.append(literal: "x-forwarded-proto: http\r\n") }
    if requestID.isEmpty {
      out.append(literal: "x-request-id: ")
      let start = out.count
      random.appendUUID(into: &out)
      requestID.append(contentsOf: out[start...])
      out.append(literal: "\r\n")
    }
    out.append(literal: "x-envoy-expected-rq-timeout-ms: ")
    out.appendDecimal(additions.timeoutMilliseconds)
    out.append(literal: "\r\n")
    for field in additions.extra {
      HTTPSerializer.appendField(name: field.name, value: field.value, into: &out)
    }
    out.append(literal: "\r\n")
  }

  /// How the downstream connection continues after this response.
  enum Persistence {
    /// HTTP/1.1 keep-alive: nothing to say.
    case implicit
    /// An HTTP/1.0 client that asked for keep-alive: `connection: keep-alive`.
    case keepAlive
    /// `connection: close`.
    case close
  }

  /// The downstream response head: the upstream's fields without hop-by-hop ones, `server:
  /// envoy` (Envoy overwrites it) and `x-envoy-upstream-service-time`. With `dechunk`, the
  /// `Transfer-Encoding` field goes too (the body is sent decoded to an HTTP/1.0 client).
  static func appendResponse(
    _ head: HTTPResponseHead, serviceTimeMilliseconds: Int, persistence: Persistence,
    dechunk: Bool, into out: inout [UInt8]
  ) {
    HTTPSerializer.appendStatusLine(head.status, into: &out)
    let nominated = nominatedFields(head.headers)
    for field in head.headers.fields {
      switch Special(field.name) {
      case .hopByHop, .server, .serviceTime: continue
      default: break
      }
      if dechunk, field.name.equalsLowercase("transfer-encoding") { continue }
      if let nominated, nominated.contains(where: { field.name.equalsIgnoringASCIICase($0) }) {
        continue
      }
      appendParsed(field, into: &out)
    }
    out.append(literal: "server: envoy\r\nx-envoy-upstream-service-time: ")
    out.appendDecimal(serviceTimeMilliseconds)
    out.append(literal: "\r\n")
    appendPersistence(persistence, into: &out)
    out.append(literal: "\r\n")
  }

  /// Copies a field that Wire's parser accepted: its name is a token and its value has no
  /// control character but HTAB (RFC 9110 §5.5), so checking it again would be wasted work.
  @inline(__always)
  private static func appendParsed(_ field: HTTPHeaders.Field, into out: inout [UInt8]) {
    out.append(text: field.name)
    out.append(literal: ": ")
    out.append(text: field.value)
    out.append(literal: "\r\n")
  }

  static func appendPersistence(_ persistence: Persistence, into out: inout [UInt8]) {
    switch persistence {
    case .implicit: break
    case .keepAlive: out.append(literal: "connection: keep-alive\r\n")
    case .close: out.append(literal: "connection: close\r\n")
    }
  }

  /// RFC 9110 §7.6.1: fields named in `Connection` are hop-by-hop too; `nil` when there are
  /// none besides `close` and `keep-alive` (the usual case, checked without allocating).
  private static func nominatedFields(_ headers: HTTPHeaders) -> [Substring]? {
    var names: [Substring]?
    for field in headers.fields where Special(field.name) == .hopByHop {
      guard field.name.equalsLowercase("connection") else { continue }
      // The usual values name no field: skip splitting them.
      if field.value.equalsLowercase("keep-alive") || field.value.equalsLowercase("close") {
        continue
      }
      for token in field.value.split(separator: ",") {
        let name = token.trimmingASCIISpaces()
        // Framing and Host are never dropped: a client must not unframe its own body.
        if name.isEmpty || name.equalsIgnoringASCIICase("close")
          || name.equalsIgnoringASCIICase("keep-alive")
          || name.equalsIgnoringASCIICase("content-length")
          || name.equalsIgnoringASCIICase("transfer-encoding")
          || name.equalsIgnoringASCIICase("host")
        {
          continue
        }
        names = (names ?? []) + [name]
      }
    }
    return names
  }
}
