/// A caller and a callee in the service graph; an empty `source` is the client node (requests
/// from outside the traced services).
public struct ServiceEdge: Hashable, Sendable {
  public var source: String
  public var target: String

  public init(source: String, target: String) {
    self.source = source
    self.target = target
  }
}
