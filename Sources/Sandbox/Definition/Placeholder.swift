/// A placeholder in a command argument or environment value: `{bin}` or `{port:…}`. Any other
/// text in braces is left as it is (scripts use braces too: `${HOME}`, f-strings).
enum Placeholder: Equatable {
  /// `{bin}`: the sidecarlab executable.
  case bin
  /// `{port:NAME}` (own container, `container == nil`) or `{port:CONTAINER.NAME}`.
  case port(container: String?, name: String)

  init?(_ body: Substring) {
    if body == "bin" {
      self = .bin
    } else if body.hasPrefix("port:") {
      let reference = body.dropFirst(5)
      if let dot = reference.firstIndex(of: ".") {
        self = .port(
          container: String(reference[..<dot]),
          name: String(reference[reference.index(after: dot)...]))
      } else {
        self = .port(container: nil, name: String(reference))
      }
    } else {
      return nil
    }
  }

  /// Every placeholder in `text`, in order.
  static func all(in text: String) -> [Placeholder] {
    var found: [Placeholder] = []
    _ = substitute(text) { placeholder in
      found.append(placeholder)
      return ""
    }
    return found
  }

  /// `text` with each placeholder replaced by `value(placeholder)`.
  static func substitute(_ text: String, _ value: (Placeholder) -> String) -> String {
    var result = ""
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      result += rest[..<open]
      if let placeholder = Placeholder(rest[rest.index(after: open)..<close]) {
        result += value(placeholder)
      } else {
        result += rest[open...close]
      }
      rest = rest[rest.index(after: close)...]
    }
    return result + rest
  }
}
