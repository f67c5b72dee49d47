/// Finds the route for a request head. Literal segments win over `:name`, which wins over `*`;
/// a path that exists under another method answers 405 with `Allow`; otherwise 404.
/// `HEAD` falls back to a `GET` route (RFC 9110 §9.3.2); the server drops the body.
///
/// Matching walks the path in place and binds parameters only for the winning route, so a
/// lookup allocates nothing but the parameters it returns.
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
    var best: (index: Int, score: Int)?
    var allowed: [HTTPMethod] = []
    for (index, (route, segments)) in compiled.enumerated() {
      guard let score = Self.score(segments, path) else { continue }
      let methodFits = route.method == method || (method == .head && route.method == .get)
      guard methodFits else {
        if !allowed.contains(route.method) { allowed.append(route.method) }
        continue
      }
      // Prefer the more literal pattern, then an exact method over HEAD→GET.
      let adjusted = score * 2 + (route.method == method ? 1 : 0)
      if best == nil || adjusted > best!.score { best = (index, adjusted) }
    }
    if let best {
      let (route, segments) = compiled[best.index]
      return .found(route, parameters: Self.bind(segments, path))
    }
    return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed)
  }

  /// How specifically `pattern` matches `path` (literal segments count most), or `nil`.
  private static func score(_ pattern: [Substring], _ path: Substring) -> Int? {
    var walker = SegmentWalker(path)
    var score = 0
    for segment in pattern {
      if segment == "*" { return score * 4 }
      guard let part = walker.next() else { return nil }
      if segment.first == ":" {
        score += 1
      } else if segment == part {
        score += 2
      } else {
        return nil
      }
    }
    return walker.next() == nil ? score * 4 + 3 : nil
  }

  /// The `:name` and `*` values of a pattern that ``score(_:_:)`` accepted.
  private static func bind(_ pattern: [Substring], _ path: Substring) -> [String: String] {
    var walker = SegmentWalker(path)
    var parameters: [String: String] = [:]
    for segment in pattern {
      if segment == "*" {
        parameters["*"] = String(walker.rest)
        break
      }
      guard let part = walker.next() else { break }
      if segment.first == ":" { parameters[String(segment.dropFirst())] = String(part) }
    }
    return parameters
  }
}

/// Walks the non-empty `/`-separated segments of a path without allocating.
private struct SegmentWalker {
  private let path: Substring
  private var position: Substring.Index

  init(_ path: Substring) {
    self.path = path
    position = path.startIndex
  }

  /// What is left after the segments taken so far, without leading slashes.
  var rest: Substring {
    var start = position
    while start < path.endIndex, path[start] == "/" { start = path.index(after: start) }
    return path[start...]
  }

  mutating func next() -> Substring? {
    while position < path.endIndex, path[position] == "/" { position = path.index(after: position) }
    guard position < path.endIndex else { return nil }
    let start = position
    while position < path.endIndex, path[position] != "/" { position = path.index(after: position) }
    return path[start..<position]
  }
}
