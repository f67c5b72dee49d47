/// A configuration that cannot be used, naming the field at fault by its path in the document
/// (`routes[2].spec.httpRoute.action.weightedTargets[0].weight: must be 0...100`).
public struct MeshConfigError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Where in the document: dotted field names with `[index]` for array elements; empty for the root.
  public let path: String
  public let message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
