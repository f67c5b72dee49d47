/// `--name value` options after a command, checked against the names a command knows.
struct Options {
  private var values: [String: String] = [:]
  private(set) var positional: [String] = []

  /// Parses `arguments`; unknown options and options missing their value are errors.
  init(_ arguments: [String], known: Set<String>) throws(UsageError) {
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument.hasPrefix("--") {
        var name = String(argument.dropFirst(2))
        var value: String?
        if let equals = name.firstIndex(of: "=") {
          value = String(name[name.index(after: equals)...])
          name = String(name[..<equals])
        }
        guard known.contains(name) else { throw UsageError("unknown option --\(name)") }
        if value == nil {
          index += 1
          guard index < arguments.count else { throw UsageError("--\(name) needs a value") }
          value = arguments[index]
        }
        values[name] = value
      } else {
        positional.append(argument)
      }
      index += 1
    }
  }

  subscript(name: String) -> String? { values[name] }
}

/// A mistake on the command line, reported with the usage text.
struct UsageError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
