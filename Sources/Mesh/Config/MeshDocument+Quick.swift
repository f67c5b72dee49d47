import Wire

/// Quick mode (`sidecarlab proxy --listen ADDR --upstream ADDR`): one node, one route.
extension MeshDocument {
  /// The name of the quick mode's mesh and of its only virtual node.
  public static let quickName = "quick"

  /// A mesh with one virtual node `quick` listening on `listen`'s port, whose local app (its
  /// ingress cluster) is `upstream`; no backends, so all traffic is ingress.
  public static func quick(listen: SocketAddress, upstream: SocketAddress) -> MeshDocument {
    MeshDocument(
      mesh: MeshResource(meshName: quickName),
      virtualNodes: [
        VirtualNode(
          virtualNodeName: quickName, listener: ListenerConfig(port: Int(listen.port)),
          hosts: [upstream.description])
      ])
  }
}
