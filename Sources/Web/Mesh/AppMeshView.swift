import Mesh

/// How the lab API shows resources, in App Mesh's response shapes: `*Data` is `{meshName,
/// <kind>Name, [virtualRouterName], spec, metadata, status: {status: "ACTIVE"}}` and `*Ref` is
/// `{meshName, <kind>Name, [virtualRouterName], arn, createdAt, lastUpdatedAt, version,
/// meshOwner, resourceOwner}` (botocore `appmesh/2019-01-25`).
///
/// Sidecar Lab keeps one document per learner, not a history per resource: every resource's
/// `createdAt` and `lastUpdatedAt` are the document's last save (epoch seconds, rest-json's
/// timestamp format), `version` is 1, and the account is the local placeholder `000000000000`.
struct AppMeshView: Sendable {
  static let account = "000000000000"

  let meshName: String
  /// The document's last save, Unix seconds.
  let savedAt: Double

  /// `arn:aws:appmesh:local:000000000000:mesh/demo/virtualRouter/r/route/x`.
  func arn(_ kind: AppMeshKind?, name: String, router: String?) -> String {
    var path = "mesh/\(meshName)"
    if let router { path += "/virtualRouter/\(router)" }
    if let kind { path += "/\(kind.key)/\(name)" }
    return "arn:aws:appmesh:local:\(Self.account):\(path)"
  }

  /// The `metadata` of a resource.
  func metadata(arn: String) -> [String: Any] {
    [
      "arn": arn, "createdAt": savedAt, "lastUpdatedAt": savedAt, "version": 1,
      "meshOwner": Self.account, "resourceOwner": Self.account,
    ]
  }

  /// `MeshData` of `mesh`.
  func mesh(_ mesh: MeshResource) -> [String: Any] {
    [
      "meshName": mesh.meshName,
      "spec": ["egressFilter": ["type": mesh.egressFilter.rawValue]],
      "metadata": metadata(arn: arn(nil, name: mesh.meshName, router: nil)),
      "status": ["status": "ACTIVE"],
    ]
  }

  /// `MeshRef`.
  var meshRef: [String: Any] {
    var ref = metadata(arn: arn(nil, name: meshName, router: nil))
    ref["meshName"] = meshName
    return ref
  }

  /// `<Kind>Data` of one resource, its spec taken from `json` (the resource as the document holds it).
  func data(_ kind: AppMeshKind, name: String, router: String?, json: [String: Any])
    -> [String: Any]
  {
    var data = names(kind, name: name, router: router)
    data["spec"] = json["spec"] ?? [String: Any]()
    data["metadata"] = metadata(arn: arn(kind, name: name, router: router))
    data["status"] = ["status": "ACTIVE"]
    return data
  }

  /// `<Kind>Ref` of one resource.
  func ref(_ kind: AppMeshKind, name: String, router: String?) -> [String: Any] {
    metadata(arn: arn(kind, name: name, router: router)).merging(
      names(kind, name: name, router: router)
    ) { _, name in name }
  }

  private func names(_ kind: AppMeshKind, name: String, router: String?) -> [String: Any] {
    var names: [String: Any] = ["meshName": meshName, kind.nameField: name]
    if let router { names["virtualRouterName"] = router }
    return names
  }
}
