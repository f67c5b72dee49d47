/// Finds the route for a request head. Literal segments win over `:name`, which wins over `*`;
/// a path that exists under another method answers 405 with `Allow`; otherwise 404.
/// `HEAD` falls back to a `GET` route (RFC 9110 §9.3.2); the server drops the body.
///
/// Matching compares the path's bytes in place against precompiled patterns and binds
/// parameters only for the winning route, so a lookup allocates nothing but what it returns.
public struct Router: Sendable {
  public enum Match: Sendable {
    case found(Route, parameters: [String: String])
    case methodNotAllowed(allowed: [HTTPMethod])
    case notFound
  }

  /// One pattern segment, compiled.
  private enum Segment: Sendable {
    case literal([UInt8])
    case parameter(String)
    case rest
  }

  /// The routes, in the order given.
  public let routes: [Route]
  private let patterns: [[Segment]]

  public init(_ routes: [Route]) {
    self.routes = routes
    patterns = routes.map { route in
      route.segments.map { segment in
        if segment == "*" { return .rest }
        if segment.hasPrefix(":") { return .parameter(String(segment.dropFirst())) }
        return .literal(Array(segment.utf8))
      }
    }
  }

  public func match(method: HTTPMethod, path: Substring) -> Match {
    let bytes = path.utf8
    var best: (index: Int, score: Int)?
    for index in routes.indices {
      let routeMethod = routes[index].method
      guard routeMethod == method || (method == .head && routeMethod == .get),
        let score = Self.score(patterns[index], bytes)
      else { continue }
      // Prefer the more literal pattern, then an exact method over HEAD→GET.
      let adjusted = score * 2 + (routeMethod == method ? 1 : 0)
      if best == nil || adjusted > best!.score { best = (index, adjusted) }
    }
    if let best {
      return .found(routes[best.index], parameters: Self.bind(patterns[best.index], bytes))
    }
    var allowed: [HTTPMethod] = []
    for index in routes.indices where Self.score(patterns[index], bytes) != nil {
      if !allowed.contains(routes[index].method) { allowed.append(routes[index].method) }
    }
    return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed)
  }

  /// How specifically `pattern` matches `path` (literal segments count most), or `nil`.
  private static func score(_ pattern: [Segment], _ path: Substring.UTF8View) -> Int? {
    var walker = SegmentWalker(path)
    var score = 0
    for segment in pattern {
      switch segment {
      case .rest:
        return score * 4
      case .parameter:
        guard walker.next() != nil else { return nil }
        score += 1
      case .literal(let literal):
        guard let part = walker.next(), part.elementsEqual(literal) else { return nil }
        score += 2
      }
    }
    return walker.next() == nil ? score * 4 + 3 : nil
  }

  /// The `:name` and `*` values of a pattern that ``score(_:_:)`` accepted.
  private static func bind(_ pattern: [Segment], _ path: Substring.UTF8View) -> [String: String] {
    var walker = SegmentWalker(path)
    var parameters: [String: String] = [:]
    for segment in pattern {
      switch segment {
      case .rest:
        parameters["*"] = String(Substring(walker.rest))
        return parameters
      case .parameter(let name):
        guard let part = walker.next() else { return parameters }
        parameters[name] = String(Substring(part))
      case .literal:
        _ = walker.next()
      }
    }
    return parameters
  }
}

/// Walks the non-empty `/`-separated segments of a path's bytes without allocating.
private struct SegmentWalker {
  private static let slash = UInt8(ascii: "/")
  private let path: Substring.UTF8View
  private var position: Substring.UTF8View.Index

  init(_ path: Substring.UTF8View) {
    self.path = path
    position = path.startIndex
  }

  /// What is left after the segments taken so far, without leading slashes.
  var rest: Substring.UTF8View {
    var start = position
    while start < path.endIndex, path[start] == Self.slash { start = path.index(after: start) }
    return path[start...]
  }

  mutating func next() -> Substring.UTF8View? {
    while position < path.endIndex, path[position] == Self.slash { position = path.index(after: position) }
    guard position < path.endIndex else { return nil }
    let start = position
    while position < path.endIndex, path[position] != Self.slash { position = path.index(after: position) }
    return path[start..<position]
  }
}
