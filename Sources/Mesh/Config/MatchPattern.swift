/// A regular expression from the configuration, checked at load: it must compile with Swift's
/// `Regex`, and may not nest quantifiers (`(a+)+`), whose backtracking can take exponential
/// time on a hostile request path or header.
public struct MatchPattern: Sendable, Equatable {
  public let source: String

  public init(_ source: String) throws(MeshConfigError) {
    do {
      _ = try Regex(source)
    } catch {
      throw MeshConfigError(path: "", message: "does not compile as a regular expression")
    }
    if Self.nestsQuantifiers(source) {
      throw MeshConfigError(path: "", message: "nested quantifiers such as (a+)+ are not allowed")
    }
    self.source = source
  }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    let source = try reader.string(length: 1...255)
    do {
      try self.init(source)
    } catch {
      throw reader.error(error.message)
    }
  }

  /// Whether a quantified group holds a quantifier, ignoring escaped characters.
  private static func nestsQuantifiers(_ source: String) -> Bool {
    var quantifiedDepths: [Bool] = []  // per open group: whether it holds a quantifier
    var escaped = false
    var characters = source.makeIterator()
    var pending = characters.next()
    while let character = pending {
      pending = characters.next()
      if escaped {
        escaped = false
        continue
      }
      switch character {
      case "\\": escaped = true
      case "(": quantifiedDepths.append(false)
      case ")":
        let inner = quantifiedDepths.popLast() ?? false
        if inner, let next = pending, "*+{".contains(next) { return true }
        if inner, !quantifiedDepths.isEmpty { quantifiedDepths[quantifiedDepths.count - 1] = true }
      case "*", "+", "{":
        if !quantifiedDepths.isEmpty { quantifiedDepths[quantifiedDepths.count - 1] = true }
      default: break
      }
    }
    return false
  }
}
