extension LogConfiguration {
  /// The options the router understands, each with the values it accepts: `Parser` names one
  /// of the router's built-in parsers.
  static let knownOptions: [String: Set<String>] = ["Parser": ["json", "logfmt", "envoy"]]

  func validate(field: String) throws(TaskDefinitionError) {
    guard logDriver == "awsfirelens" else {
      throw TaskDefinitionError(
        field: "\(field).logDriver", "must be awsfirelens, got '\(logDriver.prefix(64))'")
    }
    guard options.count <= Self.knownOptions.count else {
      throw TaskDefinitionError(
        field: "\(field).options", "at most \(Self.knownOptions.count) option(s)")
    }
    for (key, value) in options {
      guard let allowed = Self.knownOptions[key] else {
        throw TaskDefinitionError(
          field: "\(field).options.\(key.prefix(64))",
          "unknown option (known: \(Self.knownOptions.keys.sorted().joined(separator: ", ")))")
      }
      guard allowed.contains(value) else {
        throw TaskDefinitionError(
          field: "\(field).options.\(key)",
          "must be one of \(allowed.sorted().joined(separator: ", ")), got '\(value.prefix(64))'")
      }
    }
  }
}
