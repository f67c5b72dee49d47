import Glibc

/// Finds the route for a request head. Literal segments win over `:name`, which wins over `*`;
/// a path that exists under another method answers 405 with `Allow`; otherwise 404.
/// `HEAD` falls back to a `GET` route (RFC 9110 §9.3.2); the server drops the body.
///
/// Matching splits the path's bytes once into segment ranges (on the stack), compares them
/// with precompiled patterns, and binds parameters only for the winning route: a lookup
/// allocates nothing but what it returns.
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

  /// Paths with more segments than this match only patterns ending in `*`.
  private static let maxSegments = 32

  /// A route's method and pattern, compiled. Methods are compared as small numbers (their
  /// index in `methods`): one string comparison per request instead of one per route.
  private struct Pattern: Sendable {
    let method: Int
    let segments: [Segment]
  }

  /// The routes, in the order given.
  public let routes: [Route]
  private let patterns: [Pattern]
  /// The distinct methods of the routes.
  private let methods: [HTTPMethod]

  public init(_ routes: [Route]) {
    self.routes = routes
    var methods: [HTTPMethod] = []
    for route in routes where !methods.contains(route.method) { methods.append(route.method) }
    self.methods = methods
    patterns = routes.map { route in
      Pattern(
        method: methods.firstIndex(of: route.method)!,
        segments: route.segments.map { segment in
          if segment == "*" { return .rest }
          if segment.hasPrefix(":") { return .parameter(String(segment.dropFirst())) }
          return .literal(Array(segment.utf8))
        })
    }
  }

  public func match(method: HTTPMethod, path: Substring) -> Match {
    var path = path
    return path.withUTF8 { bytes in
      withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: Self.maxSegments) { ranges in
        let split = Self.split(bytes, into: ranges)
        let segments = UnsafeBufferPointer(rebasing: ranges[0..<split.count])
        return match(method: method, bytes: bytes, segments: segments, truncated: split.truncated)
      }
    }
  }

  private func match(
    method: HTTPMethod, bytes: UnsafeBufferPointer<UInt8>,
    segments: UnsafeBufferPointer<Range<Int>>, truncated: Bool
  ) -> Match {
    let wanted = methods.firstIndex(of: method) ?? -1
    // RFC 9110 §9.3.2: HEAD is answered by the GET route when there is no HEAD route.
    let fallback = method == .head ? methods.firstIndex(of: .get) ?? -1 : -1
    return patterns.withUnsafeBufferPointer { patterns in
      var best: (index: Int, score: Int)?
      for index in patterns.indices {
        let routeMethod = patterns[index].method
        guard routeMethod == wanted || routeMethod == fallback,
          let score = Self.score(patterns[index].segments, bytes, segments, truncated)
        else { continue }
        // Prefer the more literal pattern, then an exact method over HEAD→GET.
        let adjusted = score * 2 + (routeMethod == wanted ? 1 : 0)
        if best == nil || adjusted > best!.score { best = (index, adjusted) }
      }
      if let best {
        return .found(
          routes[best.index], parameters: Self.bind(patterns[best.index].segments, bytes, segments))
      }
      var allowed: [HTTPMethod] = []
      for pattern in patterns where Self.score(pattern.segments, bytes, segments, truncated) != nil
      {
        let method = methods[pattern.method]
        if !allowed.contains(method) { allowed.append(method) }
      }
      return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed)
    }
  }

  /// The ranges of the non-empty `/`-separated segments; `truncated` when there were more
  /// than fit (the last range then runs to the end of the path).
  private static func split(
    _ bytes: UnsafeBufferPointer<UInt8>, into ranges: UnsafeMutableBufferPointer<Range<Int>>
  ) -> (count: Int, truncated: Bool) {
    var count = 0
    var position = 0
    while position < bytes.count {
      if bytes[position] == UInt8(ascii: "/") {
        position += 1
        continue
      }
      guard count < ranges.count else { return (count, true) }
      let start = position
      while position < bytes.count, bytes[position] != UInt8(ascii: "/") { position += 1 }
      ranges[count] = start..<position
      count += 1
    }
    return (count, false)
  }

  /// How specifically `pattern` matches the segments (literal segments count most), or `nil`.
  private static func score(
    _ pattern: [Segment], _ bytes: UnsafeBufferPointer<UInt8>,
    _ segments: UnsafeBufferPointer<Range<Int>>,
    _ truncated: Bool
  ) -> Int? {
    var score = 0
    for (index, segment) in pattern.enumerated() {
      switch segment {
      case .rest:
        return score * 4
      case .parameter:
        guard index < segments.count else { return nil }
        score += 1
      case .literal(let literal):
        guard index < segments.count else { return nil }
        let range = segments[index]
        guard range.count == literal.count,
          literal.withUnsafeBufferPointer({
            memcmp($0.baseAddress!, bytes.baseAddress! + range.lowerBound, range.count) == 0
          })
        else { return nil }
        score += 2
      }
    }
    return pattern.count == segments.count && !truncated ? score * 4 + 3 : nil
  }

  /// The `:name` and `*` values of a pattern that ``score(_:_:_:_:)`` accepted.
  private static func bind(
    _ pattern: [Segment], _ bytes: UnsafeBufferPointer<UInt8>,
    _ segments: UnsafeBufferPointer<Range<Int>>
  ) -> [String: String] {
    var parameters: [String: String] = [:]
    for (index, segment) in pattern.enumerated() {
      switch segment {
      case .rest:
        let start = index < segments.count ? segments[index].lowerBound : bytes.count
        parameters["*"] = String(
          decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)
        return parameters
      case .parameter(let name):
        parameters[name] = String(
          decoding: UnsafeBufferPointer(rebasing: bytes[segments[index]]), as: UTF8.self)
      case .literal:
        break
      }
    }
    return parameters
  }
}
