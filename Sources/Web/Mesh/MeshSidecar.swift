import Sandbox
import Wire

/// One live sidecar proxy of a learner's sandbox: a process of role `envoy` (named
/// `<app>-envoy`) with its Envoy-style admin listener on its port named `admin`.
struct MeshSidecar: Sendable, Equatable {
  /// The role every sidecar container has in the task definition.
  static let role = "envoy"
  /// The name of the port of the admin listener.
  static let adminPort = "admin"

  let name: String
  let admin: SocketAddress

  /// The sidecars of `status` that have a live, unfrozen process (a frozen one would only make
  /// a caller wait), in the order the agent lists them.
  static func live(in status: SandboxStatus?) -> [MeshSidecar] {
    guard let status, status.phase == .running else { return [] }
    return status.processes.compactMap { process in
      guard process.role == role, process.pid != nil, process.state != .frozen,
        let port = process.ports[adminPort],
        let address = SocketAddress(host: "127.0.0.1", port: port)
      else { return nil }
      return MeshSidecar(name: process.name, admin: address)
    }
  }
}
