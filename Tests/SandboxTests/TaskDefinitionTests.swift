import Foundation
import Testing

@testable import Sandbox

@Suite struct TaskDefinitionTests {
  @Test func demo_isValidAndRoundTripsThroughJSON() throws {
    try TaskDefinition.demo.validate()
    let json = try JSONEncoder().encode(TaskDefinition.demo)
    #expect(try TaskDefinition.decode(json: Array(json)) == TaskDefinition.demo)
    #expect(TaskDefinition.demo.containers.map(\.name).count == 6)
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
