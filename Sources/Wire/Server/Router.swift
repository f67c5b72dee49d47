/// Finds the route for a request head. Literal segments win over `:name`, which wins over `*`;
/// a path that exists under another method answers 405 with `Allow`; otherwise 404.
/// `HEAD` falls back to a `GET` route (RFC 9110 §9.3.2); the server drops the body.
public struct Router: Sendable {
  public enum Match: Sendable {
    case found(Route, parameters: [String: String])
    case methodNotAllowed(allowed: [HTTPMethod])
    case notFound
  }

  /// The routes, in the order given.
  public let routes: [Route]
  private let compiled: [(route: Route, segments: [Substring])]

  public init(_ routes: [Route]) {
    self.routes = routes
    compiled = routes.map { ($0, $0.segments) }
  }

  public func match(method: HTTPMethod, path: Substring) -> Match {
    let parts = path.split(separator: "/", omittingEmptySubsequences: true)
    var best: (route: Route, parameters: [String: String], score: Int)?
    var allowed: [HTTPMethod] = []
    for (route, segments) in compiled {
      guard let (parameters, score) = Self.bind(segments, to: parts) else { continue }
      let methodFits = route.method == method || (method == .head && route.method == .get)
      guard methodFits else {
        if !allowed.contains(route.method) { allowed.append(route.method) }
        continue
      }
      // Prefer an exact method match over HEAD→GET, then the more literal pattern.
      let adjusted = score * 2 + (route.method == method ? 1 : 0)
      if best == nil || adjusted > best!.score { best = (route, parameters, adjusted) }
    }
    if let best { return .found(best.route, parameters: best.parameters) }
    return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed)
  }

  /// Binds a pattern to path segments; the score counts literal segments (higher is more specific).
  private static func bind(_ pattern: [Substring], to parts: [Substring]) -> ([String: String], Int)? {
    var parameters: [String: String] = [:]
    var score = 0
    for (index, segment) in pattern.enumerated() {
      if segment == "*" {
        parameters["*"] = parts[index...].joined(separator: "/")
        return (parameters, score * 4)
      }
      guard index < parts.count else { return nil }
      if segment.hasPrefix(":") {
        parameters[String(segment.dropFirst())] = String(parts[index])
        score += 1
      } else if segment == parts[index] {
        score += 2
      } else {
        return nil
      }
    }
    guard pattern.count == parts.count else { return nil }
    return (parameters, score * 4 + 3)
  }
}
