import Foundation

/// A field of a mesh resource's `spec` as a `mesh-config` check names it (Labs/README.md):
/// names joined by `.`, each optionally followed by `[N]` (the element at index N of a list) or
/// `[key=value]` (the first element whose `key` is `value`), such as
/// `httpRoute.retryPolicy.maxRetries`, `listeners[0].outlierDetection.maxServerErrors` or
/// `httpRoute.action.weightedTargets[virtualNode=unicorn-v2].weight`.
struct MeshConfigPath: Sendable, Equatable, CustomStringConvertible {
  enum Step: Sendable, Equatable {
    case member(String)
    case index(Int)
    case element(key: String, value: String)
  }

  /// Most steps a path may take.
  static let maxSteps = 16

  let steps: [Step]
  let description: String

  /// Parses `text`; `nil` when it is not a path.
  init?(_ text: String) {
    guard !text.isEmpty, text.utf8.count <= 200 else { return nil }
    var steps: [Step] = []
    for part in text.split(separator: ".", omittingEmptySubsequences: false) {
      var rest = part[...]
      let name = rest.prefix { $0 != "[" }
      guard Self.isName(name) else { return nil }
      steps.append(.member(String(name)))
      rest = rest.dropFirst(name.count)
      while rest.first == "[" {
        guard let close = rest.firstIndex(of: "]") else { return nil }
        let inside = rest[rest.index(after: rest.startIndex)..<close]
        if let number = Int(inside), number >= 0, inside.utf8.count <= 3 {
          steps.append(.index(number))
        } else {
          let pair = inside.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
          guard pair.count == 2, Self.isName(pair[0]), !pair[1].isEmpty,
            !pair[1].contains(where: { "[]".contains($0) })
          else { return nil }
          steps.append(.element(key: String(pair[0]), value: String(pair[1])))
        }
        rest = rest[rest.index(after: close)...]
      }
      guard rest.isEmpty else { return nil }
    }
    guard steps.count <= Self.maxSteps else { return nil }
    self.steps = steps
    description = text
  }

  /// The value at this path in `json` (as `JSONSerialization` reads it); `nil` when absent.
  func value(in json: Any) -> Any? {
    var current: Any = json
    for step in steps {
      switch step {
      case .member(let name):
        guard let object = current as? [String: Any], let next = object[name] else { return nil }
        current = next
      case .index(let index):
        guard let list = current as? [Any], list.indices.contains(index) else { return nil }
        current = list[index]
      case .element(let key, let value):
        guard let list = current as? [Any],
          let found = list.first(where: { element in
            ((element as? [String: Any])?[key]).map(MeshConfigValue.text) == value
          })
        else { return nil }
        current = found
      }
    }
    return current
  }

  private static func isName(_ text: Substring) -> Bool {
    !text.isEmpty
      && text.utf8.allSatisfy { byte in
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
          || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
          || byte == UInt8(ascii: "_")
      }
  }
}
