import Telemetry

/// The mesh itself: `{"meshName": …, "spec": {"egressFilter": {"type": "DROP_ALL"}}}`.
public struct MeshResource: Sendable, Equatable, JSONConfigObject {
  public var meshName: String
  public var egressFilter: EgressFilter

  public init(meshName: String, egressFilter: EgressFilter = .dropAll) {
    self.meshName = meshName
    self.egressFilter = egressFilter
  }

  /// Parses one resource as the lab API receives it; errors name fields from the resource's root.
  /// References to other resources are checked only when it joins a document.
  public init(json: [UInt8]) throws(MeshConfigError) {
    self = try Self.parse(json: json)
  }

  /// The resource as JSON, in the shape it is read from.
  public func jsonBytes() -> [UInt8] { encoded() }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: ["meshName", "spec", "metadata", "status"])
    meshName = try reader.required("meshName").name()
    egressFilter = .dropAll
    if let spec = try reader.optional("spec") {
      _ = try spec.members(allowed: ["egressFilter"])
      if let filter = try spec.optional("egressFilter") {
        _ = try filter.members(allowed: ["type"])
        egressFilter = try filter.required("type").choice(EgressFilter.self)
      }
    }
  }

  func write(to json: inout JSONWriter) {
    json.field("meshName", meshName)
    json.object("spec") { $0.object("egressFilter") { $0.field("type", egressFilter.rawValue) } }
  }
}
