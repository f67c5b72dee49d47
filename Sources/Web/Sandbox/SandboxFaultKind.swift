import DemoApp
import Sandbox

/// A fault a learner can trigger in their sandbox (DESIGN.md "Faults learners trigger"): one
/// of the demo app's own kinds, switched through a container's control endpoint, or one the
/// agent applies from outside (`freeze`: SIGSTOP until ended; `kill`: one signal, at once), or
/// one of the network kinds a sidecar proxy applies (``NetworkFault``).
enum SandboxFaultKind: Sendable, Equatable {
  case app(FaultKind)
  case network(NetworkFault)
  case freeze
  case kill

  /// Every kind, app kinds first, then network kinds, in catalog order.
  static let all: [SandboxFaultKind] =
    FaultKind.allCases.map { .app($0) } + NetworkFault.allCases.map { .network($0) } + [
      .freeze, .kill,
    ]

  /// The signal `kill` sends when the request names none.
  static let defaultSignal = ProcessSignal.SIGKILL

  /// The kind called `name` in the API (`latency`, …, `freeze`, `kill`), or `nil`.
  init?(name: String) {
    guard let kind = Self.all.first(where: { $0.name == name }) else { return nil }
    self = kind
  }

  var name: String {
    switch self {
    case .app(let kind): kind.rawValue
    case .network(let kind): kind.rawValue
    case .freeze: "freeze"
    case .kill: "kill"
    }
  }

  var summary: String {
    switch self {
    case .app(let kind): kind.summary
    case .network(let kind): kind.summary
    case .freeze: "stop the process with SIGSTOP until the fault is ended (then SIGCONT)"
    case .kill: "send one signal to the process; the restart policy decides what follows"
    }
  }

  /// The names of its parameters, as the page's forms send them.
  var parameterNames: [String] {
    switch self {
    case .app, .network: numberParameters.map(\.name)
    case .freeze: []
    case .kill: ["signal"]
    }
  }

  /// The whole-number parameters of app and network kinds (none for agent kinds).
  var numberParameters: [FaultParameter] {
    switch self {
    case .app(let kind): kind.parameters
    case .network(let kind): kind.parameters
    case .freeze, .kill: []
    }
  }

  /// Whether the fault is over as soon as it is applied (recorded with `ended_at = started_at`).
  var isInstantaneous: Bool { self == .kill }

  /// The containers of `definition` it applies to: app kinds need the demo app's control
  /// endpoint (swan and the unicorns); network kinds the sidecars' admin listener; agent kinds
  /// work on any container.
  func targets(in definition: TaskDefinition) -> [String] {
    switch self {
    case .app: definition.containers.filter { $0.ports.contains("control") }.map(\.name)
    case .network:
      definition.containers.filter {
        $0.role == NetworkFault.targetRole && $0.ports.contains("admin")
      }.map(\.name)
    case .freeze, .kill: definition.containers.map(\.name)
    }
  }

  /// The catalog entry the API lists: `{"kind", "summary", "targets", "instantaneous",
  /// "params": [{"name", "min", "max", "default"} | {"name", "choices", "default"}]}`.
  func catalogEntry(for definition: TaskDefinition) -> [String: Any] {
    let params: [[String: Any]] =
      switch self {
      case .app, .network:
        numberParameters.map { parameter in
          [
            "name": parameter.name, "min": parameter.range.lowerBound,
            "max": parameter.range.upperBound, "default": parameter.defaultValue,
          ]
        }
      case .freeze: []
      case .kill:
        [
          [
            "name": "signal", "choices": ProcessSignal.allCases.map(\.rawValue),
            "default": Self.defaultSignal.rawValue,
          ]
        ]
      }
    return [
      "kind": name, "summary": summary, "targets": targets(in: definition),
      "instantaneous": isInstantaneous, "params": params,
    ]
  }
}
