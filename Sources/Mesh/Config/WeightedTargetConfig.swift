import Telemetry

/// One `action.weightedTargets[]` entry: a virtual node and its relative weight (0–100).
public struct WeightedTargetConfig: Sendable, Equatable {
  public var virtualNode: String
  public var weight: Int
  public var port: Int?

  public init(virtualNode: String, weight: Int, port: Int? = nil) {
    self.virtualNode = virtualNode
    self.weight = weight
    self.port = port
  }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: ["virtualNode", "weight", "port"])
    virtualNode = try reader.required("virtualNode").name()
    weight = try reader.required("weight").int(in: 0...100)
    port = try reader.optional("port")?.int(in: 1...65535)
  }

  func write(to json: inout JSONWriter) {
    json.field("virtualNode", virtualNode)
    json.field("weight", weight)
    if let port { json.field("port", port) }
  }
}
