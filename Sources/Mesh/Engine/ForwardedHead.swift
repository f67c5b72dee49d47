import Wire

/// Writes the heads the proxy forwards: the request head for the upstream and the response head
/// for the downstream, with hop-by-hop fields removed (RFC 9110 §7.6.1) and the fields Envoy
/// adds. Framing fields (`Content-Length`, `Transfer-Encoding`) pass unchanged because the
/// body bytes pass unchanged.
enum ForwardedHead {
  /// What the upstream request carries besides the client's own fields.
  struct RequestAdditions {
    /// The downstream peer's numeric address (from the socket, so safe to write as is),
    /// appended to `x-forwarded-for`.
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
    case none, hopByHop, host, forwardedFor, forwardedProto, requestID, expectedTimeout, server
    case serviceTime

    init(_ name: UnsafeBufferPointer<UInt8>) {
      switch name.count {
      case 2: self = name.equalsLowercase("te") ? .hopByHop : .none
      case 4: self = name.equalsLowercase("host") ? .host : .none
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

  /// The upstream request head, its fields copied from the client's bytes (``FieldRuns``). The request id
  /// is the client's `x-request-id`, else the one already in `requestID` (a retry keeps it),
  /// else a new version 4 UUID; the value used is left in `requestID`.
  static func appendRequest(
    _ request: RequestHead, additions: RequestAdditions, random: inout RandomSource,
    requestID: inout [UInt8], into out: inout [UInt8]
  ) {
    request.bytes.withUnsafeBytes { head in
      out.append(text: request.method.rawValue)
      out.append(UInt8(ascii: " "))
      out.append(request.ranges.target, of: head)
      out.append(literal: " HTTP/1.1\r\n")
      let fields = request.ranges.fields
      let nominates = nominatesFields(fields, in: head)
      let lastForwardedFor = fields.lastIndex { Special($0.name(in: head)) == .forwardedFor }
      var hasHost = false
      var hasProto = false
      var hasRequestID = false
      var kept = FieldRuns(head)
      for (index, field) in fields.enumerated() {
        let name = field.name(in: head)
        switch Special(name) {
        case .hopByHop, .expectedTimeout: continue
        case .forwardedFor where index == lastForwardedFor:
          kept.flush(into: &out)
          out.append(field.name.lowerBound..<field.value.upperBound, of: head)
          out.append(literal: ", ")
          out.append(text: additions.clientAddress)
          out.append(literal: "\r\n")
          continue
        case .requestID where !hasRequestID:
          hasRequestID = true
          requestID.removeAll(keepingCapacity: true)
          requestID.append(contentsOf: field.value(in: head))
        case .forwardedProto: hasProto = true
        case .host: hasHost = true
        default: break
        }
        if nominates, isNominated(name, by: fields, in: head) { continue }
        if !additions.extra.fields.isEmpty, isReplaced(name, by: additions.extra) { continue }
        kept.keep(field, into: &out)
      }
      kept.flush(into: &out)
      if !hasHost {
        HTTPSerializer.appendField(name: "host", value: additions.authority, into: &out)
      }
      if lastForwardedFor == nil {
        out.append(literal: "x-forwarded-for: ")
        out.append(text: additions.clientAddress)
        out.append(literal: "\r\n")
      }
      if !hasProto { out.append(literal: "x-forwarded-proto: http\r\n") }
      if !hasRequestID {
        out.append(literal: "x-request-id: ")
        if requestID.isEmpty {
          let start = out.count
          random.appendUUID(into: &out)
          requestID.append(contentsOf: out[start...])
        } else {
          out.append(contentsOf: requestID)
        }
        out.append(literal: "\r\n")
      }
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

  /// The downstream response head, its fields copied from the upstream's bytes (`head`
  /// locates it in `bytes`): the status line as HTTP/1.1, the fields without hop-by-hop ones,
  /// `server: envoy` (Envoy overwrites it) and `x-envoy-upstream-service-time`. With
  /// `dechunk`, the `Transfer-Encoding` field goes too (the body is sent decoded to an
  /// HTTP/1.0 client).
  static func appendResponse(
    _ head: HTTPResponseHeadRanges, in bytes: UnsafeRawBufferPointer, serviceTimeMilliseconds: Int,
    persistence: Persistence, dechunk: Bool, into out: inout [UInt8]
  ) {
    out.append(literal: "HTTP/1.1 ")
    out.appendDecimal(head.code)
    out.append(UInt8(ascii: " "))
    out.append(head.reason, of: bytes)
    out.append(literal: "\r\n")
    let nominates = nominatesFields(head.fields, in: bytes)
    var kept = FieldRuns(bytes)
    for field in head.fields {
      let name = field.name(in: bytes)
      switch Special(name) {
      case .hopByHop, .server, .serviceTime: continue
      default: break
      }
      if dechunk, name.equalsLowercase("transfer-encoding") { continue }
      if nominates, isNominated(name, by: head.fields, in: bytes) { continue }
      kept.keep(field, into: &out)
    }
    kept.flush(into: &out)
    out.append(literal: "server: envoy\r\nx-envoy-upstream-service-time: ")
    out.appendDecimal(serviceTimeMilliseconds)
    out.append(literal: "\r\n")
    appendPersistence(persistence, into: &out)
    out.append(literal: "\r\n")
  }

  static func appendPersistence(_ persistence: Persistence, into out: inout [UInt8]) {
    switch persistence {
    case .implicit: break
    case .keepAlive: out.append(literal: "connection: keep-alive\r\n")
    case .close: out.append(literal: "connection: close\r\n")
    }
  }

  /// Whether `extra` (the trace headers) has a field named `name`, which it replaces.
  private static func isReplaced(_ name: UnsafeBufferPointer<UInt8>, by extra: HTTPHeaders) -> Bool
  {
    extra.fields.contains { field in
      var extraName = field.name
      return extraName.withUTF8 { $0.equalsIgnoringASCIICase(name) }
    }
  }

  /// RFC 9110 §7.6.1: fields named in `Connection` are hop-by-hop too. Whether any field is
  /// named besides `close` and `keep-alive` (the usual values, so the usual head is read once
  /// and nothing allocated); framing fields and `Host` never are: a client must not unframe
  /// its own body.
  private static func nominatesFields(
    _ fields: [HTTPFieldRange], in head: UnsafeRawBufferPointer
  ) -> Bool {
    fields.contains { field in
      field.isNamed("connection", in: head)
        && HTTPListElements(field.value(in: head)).contains(where: isNomination)
    }
  }

  /// Whether the `Connection` fields name `name`.
  private static func isNominated(
    _ name: UnsafeBufferPointer<UInt8>, by fields: [HTTPFieldRange],
    in head: UnsafeRawBufferPointer
  ) -> Bool {
    fields.contains { field in
      field.isNamed("connection", in: head)
        && HTTPListElements(field.value(in: head)).contains {
          isNomination($0) && $0.equalsIgnoringASCIICase(name)
        }
    }
  }

  /// Whether a `Connection` element names a field to drop.
  private static func isNomination(_ element: UnsafeBufferPointer<UInt8>) -> Bool {
    !element.isEmpty && !element.equalsLowercase("close")
      && !element.equalsLowercase("keep-alive") && !element.equalsLowercase("content-length")
      && !element.equalsLowercase("transfer-encoding") && !element.equalsLowercase("host")
  }
}
