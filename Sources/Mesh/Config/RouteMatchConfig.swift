import Telemetry

/// `httpRoute.match`: what a request must look like to take the route. Every given condition
/// must hold; at least one of `prefix` and `path` is required.
public struct RouteMatchConfig: Sendable, Equatable {
  /// App Mesh's method names.
  public static let methods: Set<String> = [
    "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
  ]

  public var prefix: String?
  public var path: PathMatchConfig?
  public var headers: [HeaderMatchConfig]
  public var method: String?
  public var queryParameters: [QueryParameterMatchConfig]

  public init(
    prefix: String? = nil, path: PathMatchConfig? = nil, headers: [HeaderMatchConfig] = [],
    method: String? = nil, queryParameters: [QueryParameterMatchConfig] = []
  ) {
    self.prefix = prefix
    self.path = path
    self.headers = headers
    self.method = method
    self.queryParameters = queryParameters
  }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: ["prefix", "path", "headers", "method", "queryParameters"])
    if let prefix = try reader.optional("prefix") {
      let text = try prefix.string()
      guard text.hasPrefix("/") else { throw prefix.error("must start with '/'") }
      self.prefix = text
    }
    path = try reader.optional("path").map { r throws(MeshConfigError) in try PathMatchConfig(r) }
    guard prefix != nil || path != nil else { throw reader.error("must give prefix or path") }
    headers = []
    for header in try reader.optional("headers")?.array(count: 0...10) ?? [] {
      headers.append(try HeaderMatchConfig(header))
    }
    if let method = try reader.optional("method") {
      let name = try method.string(length: 1...10)
      guard Self.methods.contains(name) else {
        throw method.error("must be one of \(Self.methods.sorted().joined(separator: ", "))")
      }
      self.method = name
    }
    queryParameters = []
    for parameter in try reader.optional("queryParameters")?.array(count: 0...10) ?? [] {
      queryParameters.append(try QueryParameterMatchConfig(parameter))
    }
  }

  func write(to json: inout JSONWriter) {
    if let prefix { json.field("prefix", prefix) }
    switch path {
    case .exact(let text): json.object("path") { $0.field("exact", text) }
    case .regex(let pattern): json.object("path") { $0.field("regex", pattern.source) }
    case nil: break
    }
    if !headers.isEmpty {
      json.objects("headers", headers) { json, header in header.write(to: &json) }
    }
    if let method { json.field("method", method) }
    if !queryParameters.isEmpty {
      json.objects("queryParameters", queryParameters) { json, parameter in
        parameter.write(to: &json)
      }
    }
  }
}
