import Foundation
import Testing

@testable import Sandbox

@Suite struct TaskDefinitionTests {
  @Test func demo_isValidAndRoundTripsThroughJSON() throws {
    try TaskDefinition.demo.validate()
    let json = try JSONEncoder().encode(TaskDefinition.demo)
    #expect(try TaskDefinition.decode(json: Array(json)) == TaskDefinition.demo)
  }

  /// Every app behind its own sidecar, the log router taking every stream but its own, and
  /// the daemons and the router started before anything that sends to them.
  @Test func demo_putsEveryAppBehindASidecarAndRoutesEveryStream() throws {
    let demo = TaskDefinition.demo
    let apps = ["unicorn-v1-a", "unicorn-v1-b", "unicorn-v2", "swan"]
    #expect(
      demo.containers.filter { $0.role == "envoy" }.map(\.name).sorted()
        == apps.map { "\($0)-envoy" }.sorted())
    for app in apps {
      let sidecar = try #require(demo.containers.first { $0.name == "\(app)-envoy" })
      #expect(sidecar.command.contains("127.0.0.1:{port:\(app).http}"), "\(app)'s own app")
      #expect(sidecar.logConfiguration?.parser == "envoy")
      #expect(sidecar.dependsOn.contains(app), "\(app) is up before its sidecar starts")
    }
    let swan = try #require(demo.containers.first { $0.name == "swan" })
    #expect(swan.command.contains("127.0.0.1:{port:swan-envoy.egress}"))
    #expect(
      demo.containers.filter { $0.firelensConfiguration != nil }.map(\.name) == ["logrouter"])
    #expect(
      demo.containers.filter { $0.logConfiguration == nil }.map(\.name) == ["logrouter"])
    #expect(demo.metricsAddress == "127.0.0.1:{port:metrics.statsd}")
    let order = try demo.startOrder().map(\.name)
    for first in ["logrouter", "tracer", "metrics"] {
      let position = try #require(order.firstIndex(of: first))
      for app in apps {
        #expect(
          position < order.firstIndex(of: "\(app)-envoy")!, "\(first) before \(app)'s sidecar")
      }
    }
  }

  @Test func decode_appliesDefaults() throws {
    let json = #"{"family":"t","revision":1,"containers":[{"name":"a","command":["/bin/true"]}]}"#
    let definition = try TaskDefinition.decode(json: Array(json.utf8))
    #expect(definition.containers[0].restartPolicy == RestartPolicy())
    #expect(definition.containers[0].limits == ResourceLimits())
  }

  @Test func decode_missingFieldNamesIt() {
    let json = #"{"family":"t","revision":1,"containers":[{"name":"a"}]}"#
    #expect(throws: TaskDefinitionError(field: "containers[0].command", "is required")) {
      try TaskDefinition.decode(json: Array(json.utf8))
    }
  }

  @Test func validate_unknownPortPlaceholderNamesTheArgument() {
    let definition = SandboxFixture.task(
      ContainerDefinition(name: "a", command: ["x", "{port:web}"]))
    #expect { try definition.validate() } throws: {
      ($0 as? TaskDefinitionError)?.field == "containers[0].command[1]"
    }
  }

  @Test func validate_healthCheckPortMustExist() {
    var container = SandboxFixture.web("a")
    container.healthCheck?.port = "admin"
    #expect { try SandboxFixture.task(container).validate() } throws: {
      ($0 as? TaskDefinitionError)?.field == "containers[0].healthCheck.port"
    }
  }

  @Test func validate_limitsOutOfRangeNamesTheLimit() {
    let container = SandboxFixture.shell("a", "true", limits: ResourceLimits(addressSpaceMB: 1))
    #expect { try SandboxFixture.task(container).validate() } throws: {
      ($0 as? TaskDefinitionError)?.field == "containers[0].limits.addressSpaceMB"
    }
  }

  @Test func validate_reservedVariableRejected() {
    var container = SandboxFixture.shell("a", "true")
    container.environment = ["SIDECARLAB_CONTROL_TOKEN": "x"]
    #expect(throws: TaskDefinitionError.self) { try SandboxFixture.task(container).validate() }
  }

  @Test func startOrder_followsDependsOnAndRejectsCycles() throws {
    var first = SandboxFixture.shell("a", "true")
    first.dependsOn = ["b"]
    let second = SandboxFixture.shell("b", "true")
    #expect(try SandboxFixture.task(first, second).startOrder().map(\.name) == ["b", "a"])
    var cyclic = second
    cyclic.dependsOn = ["a"]
    #expect { try SandboxFixture.task(first, cyclic).validate() } throws: {
      ($0 as? TaskDefinitionError)?.message.contains("cycle") == true
    }
  }

  @Test func placeholder_substitutesBinAndPorts() {
    let text = Placeholder.substitute("{bin} 127.0.0.1:{port:http} {port:b.http} ${HOME} {x") {
      placeholder in
      switch placeholder {
      case .bin: "/bin/app"
      case .port(nil, "http"): "1"
      case .port("b", "http"): "2"
      default: "?"
      }
    }
    #expect(text == "/bin/app 127.0.0.1:1 2 ${HOME} {x")
  }
}
