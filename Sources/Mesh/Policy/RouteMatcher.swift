import Wire

/// A route's compiled `match`: path prefix, exact or regex path, method, headers and query
/// parameters, all of which must hold (App Mesh `HttpRouteMatch`).
struct RouteMatcher: Sendable {
  let prefix: String?
  let exactPath: String?
  let pathRegex: LockedRegex?
  let method: String?
  let headers: [HeaderMatcher]
  let queryParameters: [QueryParameterMatchConfig]

  /// Matches every request (ingress, and virtual services provided by one node).
  static let everything = RouteMatcher(RouteMatchConfig(prefix: "/"))

  init(_ config: RouteMatchConfig) {
    prefix = config.prefix
    switch config.path {
    case .exact(let path):
      exactPath = path
      pathRegex = nil
    case .regex(let pattern):
      exactPath = nil
      pathRegex = LockedRegex(pattern)
    case nil:
      exactPath = nil
      pathRegex = nil
    }
    method = config.method
    headers = config.headers.map(HeaderMatcher.init)
    queryParameters = config.queryParameters
  }

  /// How specific the path condition is, for ordering routes of equal priority: an exact path
  /// before any prefix, a longer prefix before a shorter one, a regex last.
  var specificity: Int {
    if let exactPath { return 100_000 + exactPath.utf8.count }
    if let prefix { return prefix.utf8.count }
    return 0
  }

  func matches(_ head: HTTPRequestHead) -> Bool {
    if let method, head.method.rawValue != method { return false }
    let path = head.path
    if let prefix, !path.utf8.starts(with: prefix.utf8) { return false }
    if let exactPath, !path.utf8.elementsEqual(exactPath.utf8) { return false }
    if let pathRegex, !pathRegex.wholeMatches(path) { return false }
    for header in headers where !header.matches(head.headers) { return false }
    if !queryParameters.isEmpty {
      let query = head.query ?? ""
      for parameter in queryParameters {
        guard let value = Self.value(of: parameter.name, in: query) else { return false }
        if let exact = parameter.exact, !value.utf8.elementsEqual(exact.utf8) { return false }
      }
    }
    return true
  }

  /// The value of the first `name=value` pair in a query string (`""` for a bare `name`),
  /// compared as sent, without percent-decoding.
  static func value(of name: String, in query: Substring) -> Substring? {
    var rest = query
    while !rest.isEmpty {
      let end = rest.firstIndex(of: "&") ?? rest.endIndex
      let pair = rest[..<end]
      let equals = pair.firstIndex(of: "=") ?? pair.endIndex
      if pair[..<equals].utf8.elementsEqual(name.utf8) {
        return equals == pair.endIndex ? "" : pair[pair.index(after: equals)...]
      }
      rest = end == rest.endIndex ? "" : rest[rest.index(after: end)...]
    }
    return nil
  }
}
