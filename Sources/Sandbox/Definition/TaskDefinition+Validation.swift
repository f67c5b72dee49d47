import Foundation

extension TaskDefinition {
  /// The largest task definition document accepted, in bytes.
  public static let maxDocumentBytes = 256 * 1024

  /// Decodes and validates a JSON document; every error names the field at fault.
  public static func decode(json: [UInt8]) throws(TaskDefinitionError) -> TaskDefinition {
    guard json.count <= maxDocumentBytes else {
      throw TaskDefinitionError(field: "$", "document larger than \(maxDocumentBytes) bytes")
    }
    let definition: TaskDefinition
    do {
      definition = try JSONDecoder().decode(TaskDefinition.self, from: Data(json))
    } catch let error as DecodingError {
      throw Self.describe(error)
    } catch {
      throw TaskDefinitionError(field: "$", "\(error)")
    }
    try definition.validate()
    return definition
  }

  /// Checks every field against its bounds and every reference (ports, `dependsOn`,
  /// placeholders) against the definition.
  public func validate() throws(TaskDefinitionError) {
    try Self.check(name: family, field: "family", maxLength: 64)
    guard (1...1_000_000).contains(revision) else {
      throw TaskDefinitionError(field: "revision", "must be 1...1000000")
    }
    guard (1...32).contains(containers.count) else {
      throw TaskDefinitionError(field: "containers", "must hold 1...32 containers")
    }
    var ports: [String: Set<String>] = [:]
    for (index, container) in containers.enumerated() {
      let field = "containers[\(index)]"
      try Self.check(name: container.name, field: "\(field).name", maxLength: 32)
      guard ports[container.name] == nil else {
        throw TaskDefinitionError(
          field: "\(field).name", "duplicate container name '\(container.name)'")
      }
      guard Set(container.ports).count == container.ports.count, container.ports.count <= 8 else {
        throw TaskDefinitionError(field: "\(field).ports", "at most 8 distinct port names")
      }
      for (portIndex, port) in container.ports.enumerated() {
        try Self.check(name: port, field: "\(field).ports[\(portIndex)]", maxLength: 32)
      }
      ports[container.name] = Set(container.ports)
    }
    for (index, container) in containers.enumerated() {
      try container.validate(field: "containers[\(index)]", ports: ports)
    }
    try validateLogRouting()
    try validateMetricsAddress(ports: ports)
    _ = try startOrder()
  }

  /// Containers in an order where each comes after everything it depends on, the log router
  /// included (``dependencies(of:)``; Kahn's algorithm, keeping the listed order among
  /// independent containers).
  public func startOrder() throws(TaskDefinitionError) -> [ContainerDefinition] {
    var done: Set<String> = []
    var ordered: [ContainerDefinition] = []
    while ordered.count < containers.count {
      guard
        let next = containers.first(where: {
          !done.contains($0.name) && dependencies(of: $0).allSatisfy(done.contains)
        })
      else { throw TaskDefinitionError(field: "containers", "dependsOn forms a cycle") }
      done.insert(next.name)
      ordered.append(next)
    }
    return ordered
  }

  static func check(name: String, field: String, maxLength: Int) throws(TaskDefinitionError) {
    let allowed = name.utf8.allSatisfy { byte in
      (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x5F
    }
    guard !name.isEmpty, name.utf8.count <= maxLength, allowed else {
      throw TaskDefinitionError(
        field: field, "must be 1...\(maxLength) characters of a-z, 0-9, '-', '_'")
    }
  }

  /// Checks `(name, value, allowed range)` triples of the object at `field`.
  static func check(ranges: [(String, Int, ClosedRange<Int>)], field: String)
    throws(TaskDefinitionError)
  {
    for (name, value, range) in ranges where !range.contains(value) {
      throw TaskDefinitionError(
        field: "\(field).\(name)", "must be \(range.lowerBound)...\(range.upperBound)")
    }
  }

  private static func describe(_ error: DecodingError) -> TaskDefinitionError {
    func path(_ keys: [any CodingKey]) -> String {
      let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
      return text.isEmpty ? "$" : String(text.drop(while: { $0 == "." }))
    }
    switch error {
    case .keyNotFound(let key, let context):
      return TaskDefinitionError(field: path(context.codingPath + [key]), "is required")
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
      return TaskDefinitionError(field: path(context.codingPath), "expected \(type)")
    case .dataCorrupted(let context):
      return TaskDefinitionError(field: path(context.codingPath), context.debugDescription)
    @unknown default:
      return TaskDefinitionError(field: "$", "\(error)")
    }
  }
}
