import Wire

/// An Envoy access log format string compiled once into operators, then rendered for each
/// request straight into a byte buffer (envoy docs, "Access logging — Format strings").
struct AccessLogTemplate: Sendable, Equatable {
  let operators: [AccessLogOperator]

  /// Envoy's default format (FORMATS.md, "Default access log line").
  static let envoyDefault =
    "[%START_TIME%] \"%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%\" "
    + "%RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% "
    + "%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% \"%REQ(X-FORWARDED-FOR)%\" \"%REQ(USER-AGENT)%\" "
    + "\"%REQ(X-REQUEST-ID)%\" \"%REQ(:AUTHORITY)%\" \"%UPSTREAM_HOST%\"\n"

  /// The default format, compiled; it is a constant known to be valid.
  static let compiledDefault: AccessLogTemplate = {
    guard let compiled = try? AccessLogTemplate(envoyDefault) else {
      preconditionFailure("default access log format")
    }
    return compiled
  }()

  /// Compiles `template`; an unknown operator or a lone `%` is an error naming it.
  init(_ template: String) throws(MeshConfigError) {
    var operators: [AccessLogOperator] = []
    var literal: [UInt8] = []
    var rest = Substring(template)
    while let percent = rest.firstIndex(of: "%") {
      literal.append(contentsOf: rest[..<percent].utf8)
      let afterPercent = rest.index(after: percent)
      guard let close = rest[afterPercent...].firstIndex(of: "%") else {
        throw MeshConfigError(
          path: "", message: "unterminated command operator at '\(rest[percent...].prefix(30))'")
      }
      if !literal.isEmpty {
        operators.append(.literal(literal))
        literal = []
      }
      operators.append(try Self.parseOperator(rest[afterPercent..<close]))
      rest = rest[rest.index(after: close)...]
    }
    literal.append(contentsOf: rest.utf8)
    if !literal.isEmpty { operators.append(.literal(literal)) }
    self.operators = operators
  }

  /// `NAME`, `REQ(A?B):N` or `RESP(A):N`.
  private static func parseOperator(_ text: Substring) throws(MeshConfigError) -> AccessLogOperator
  {
    if let plain = AccessLogOperator.plain[String(text)] { return plain }
    let unknown = MeshConfigError(path: "", message: "unknown command operator %\(text)%")
    guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close
    else {
      throw unknown
    }
    let command = text[..<open]
    let argument = text[text.index(after: open)..<close]
    let suffix = text[text.index(after: close)...]
    var maxLength: Int?
    if !suffix.isEmpty {
      guard suffix.first == ":", let length = Int(suffix.dropFirst()), (1...10_000).contains(length)
      else {
        throw MeshConfigError(path: "", message: "bad length in %\(text)%")
      }
      maxLength = length
    }
    guard !argument.isEmpty else {
      throw MeshConfigError(path: "", message: "missing header name in %\(text)%")
    }
    switch command {
    case "REQ":
      let names = argument.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
      let alternative = names.count == 2 ? String(names[1]).lowercased() : nil
      if alternative?.isEmpty == true { throw unknown }
      return .requestHeader(
        name: String(names[0]).lowercased(), alternative: alternative, maxLength: maxLength)
    case "RESP":
      return .responseHeader(name: String(argument).lowercased(), maxLength: maxLength)
    default:
      throw unknown
    }
  }

  /// Appends the line for `entry`; missing values print `-`, as Envoy prints them.
  func render(_ entry: AccessLogEntry, into bytes: inout [UInt8]) {
    for op in operators where !Self.append(op, of: entry, to: &bytes) {
      bytes.append(UInt8(ascii: "-"))
    }
  }

  /// Appends one operator's value; `false` (and nothing appended) when the value is missing.
  static func append(_ op: AccessLogOperator, of entry: AccessLogEntry, to bytes: inout [UInt8])
    -> Bool
  {
    switch op {
    case .literal(let text):
      bytes.append(contentsOf: text)
    case .startTime:
      UTCTime.appendISO8601(entry.startTime, to: &bytes)
    case .requestHeader(let name, let alternative, let maxLength):
      guard
        let value = requestValue(name, entry.request)
          ?? alternative.flatMap({ requestValue($0, entry.request) })
      else { return false }
      appendCut(value, maxLength, to: &bytes)
    case .responseHeader(let name, let maxLength):
      if name == "x-envoy-upstream-service-time" {
        guard let millis = entry.upstreamServiceTimeMillis else { return false }
        appendNumber(millis, to: &bytes)
      } else {
        guard let value = entry.responseHeaders[name] else { return false }
        appendCut(value, maxLength, to: &bytes)
      }
    case .protocolName:
      bytes.append(contentsOf: entry.request.minorVersion == 0 ? "HTTP/1.0".utf8 : "HTTP/1.1".utf8)
    case .responseCode:
      appendNumber(UInt64(max(0, entry.responseCode)), to: &bytes)
    case .responseFlags:
      entry.flags.append(to: &bytes)
    case .bytesReceived:
      appendNumber(entry.bytesReceived, to: &bytes)
    case .bytesSent:
      appendNumber(entry.bytesSent, to: &bytes)
    case .duration:
      appendNumber(entry.durationMillis, to: &bytes)
    case .upstreamHost:
      return appendOptional(entry.upstreamHost, to: &bytes)
    case .upstreamCluster:
      return appendOptional(entry.upstreamCluster, to: &bytes)
    case .routeName:
      return appendOptional(entry.routeName, to: &bytes)
    case .downstreamRemoteAddress:
      return appendOptional(entry.downstreamRemoteAddress, to: &bytes)
    }
    return true
  }

  /// A request header by lowercased name, or an HTTP/2-style pseudo-header as Envoy maps them
  /// onto HTTP/1.1: `:method`, `:path` (the whole target), `:authority` (`Host`), `:scheme`.
  private static func requestValue(_ name: String, _ head: HTTPRequestHead) -> String? {
    switch name {
    case ":method": head.method.rawValue
    case ":path": head.target
    case ":authority": head.headers["host"]
    case ":scheme": "http"
    default: head.headers[name]
    }
  }

  private static func appendOptional(_ value: String?, to bytes: inout [UInt8]) -> Bool {
    guard let value else { return false }
    bytes.append(contentsOf: value.utf8)
    return true
  }

  private static func appendCut(_ value: String, _ maxLength: Int?, to bytes: inout [UInt8]) {
    if let maxLength {
      bytes.append(contentsOf: value.utf8.prefix(maxLength))
    } else {
      bytes.append(contentsOf: value.utf8)
    }
  }

  static func appendNumber(_ value: UInt64, to bytes: inout [UInt8]) {
    var rest = value
    let start = bytes.count
    repeat {
      bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
      rest /= 10
    } while rest > 0
    bytes[start...].reverse()
  }
}
