import Foundation
import Testing

@testable import Sandbox

/// `firelensConfiguration`, `logConfiguration` and `metricsAddress`: decoding, validation
/// errors that name the field, and the start order that puts the log router first.
@Suite struct LogRoutingDefinitionTests {
  private static let router = ContainerDefinition(
    name: "logrouter", role: "logrouter", command: ["{bin}", "logrouter"], ports: ["http"],
    firelensConfiguration: FireLensConfiguration(type: "fluentbit"))

  private static func app(_ name: String, options: [String: String] = ["Parser": "json"])
    -> ContainerDefinition
  {
    ContainerDefinition(
      name: name, command: ["/bin/true"], ports: ["statsd"],
      logConfiguration: LogConfiguration(logDriver: "awsfirelens", options: options))
  }

  private func expectError(
    _ definition: TaskDefinition, field: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(sourceLocation: sourceLocation) { try definition.validate() } throws: {
      ($0 as? TaskDefinitionError)?.field == field
    }
  }

  @Test func decode_readsECSShapedFields() throws {
    let json = """
      {"family":"t","revision":2,"metricsAddress":"127.0.0.1:{port:swan.statsd}","containers":[
        {"name":"swan","command":["/bin/true"],"ports":["statsd"],
         "logConfiguration":{"logDriver":"awsfirelens","options":{"Parser":"json"}}},
        {"name":"logrouter","command":["/bin/true"],"firelensConfiguration":{"type":"fluentbit"}}]}
      """
    let definition = try TaskDefinition.decode(json: Array(json.utf8))
    #expect(definition.metricsAddress == "127.0.0.1:{port:swan.statsd}")
    #expect(definition.logRouter?.name == "logrouter")
    #expect(definition.routedContainers.map(\.name) == ["swan"])
    #expect(definition.containers[0].logConfiguration?.parser == "json")
    let encoded = try JSONEncoder().encode(definition)
    #expect(try TaskDefinition.decode(json: Array(encoded)) == definition)
  }

  @Test func startOrder_putsTheRouterBeforeEveryAwsfirelensContainer() throws {
    let definition = TaskDefinition(
      family: "t", revision: 1, containers: [Self.app("swan"), Self.router])
    #expect(try definition.startOrder().map(\.name) == ["logrouter", "swan"])
    #expect(definition.dependencies(of: Self.app("swan")) == ["logrouter"])
    var looping = Self.router
    looping.dependsOn = ["swan"]
    #expect {
      try TaskDefinition(family: "t", revision: 1, containers: [Self.app("swan"), looping])
        .validate()
    } throws: { ($0 as? TaskDefinitionError)?.message.contains("cycle") == true }
  }

  @Test func validate_awsfirelensNeedsARouter() {
    expectError(
      TaskDefinition(family: "t", revision: 1, containers: [Self.app("swan")]),
      field: "containers[0].logConfiguration")
  }

  @Test func validate_onlyOneRouter() {
    var second = Self.router
    second.name = "second"
    expectError(
      TaskDefinition(family: "t", revision: 1, containers: [Self.router, second]),
      field: "containers[1].firelensConfiguration")
  }

  @Test func validate_routerCannotRouteItself() {
    var router = Self.router
    router.logConfiguration = LogConfiguration()
    expectError(
      TaskDefinition(family: "t", revision: 1, containers: [router]),
      field: "containers[0].logConfiguration")
  }

  @Test func validate_onlyFluentbitAndAwsfirelens() {
    var fluentd = Self.router
    fluentd.firelensConfiguration = FireLensConfiguration(type: "fluentd")
    expectError(
      TaskDefinition(family: "t", revision: 1, containers: [fluentd]),
      field: "containers[0].firelensConfiguration.type")
    var awslogs = Self.app("swan")
    awslogs.logConfiguration?.logDriver = "awslogs"
    expectError(
      TaskDefinition(family: "t", revision: 1, containers: [Self.router, awslogs]),
      field: "containers[1].logConfiguration.logDriver")
  }

  @Test func validate_logOptionsAreKnownAndBounded() {
    expectError(
      TaskDefinition(
        family: "t", revision: 1, containers: [Self.router, Self.app("a", options: ["Name": "x"])]),
      field: "containers[1].logConfiguration.options.Name")
    expectError(
      TaskDefinition(
        family: "t", revision: 1,
        containers: [Self.router, Self.app("a", options: ["Parser": "yaml"])]),
      field: "containers[1].logConfiguration.options.Parser")
  }

  @Test func validate_metricsAddressMustResolveToIPv4HostAndPort() throws {
    var definition = TaskDefinition(
      family: "t", revision: 1, containers: [Self.router, Self.app("swan")])
    for good in ["127.0.0.1:8125", "127.0.0.1:{port:swan.statsd}"] {
      definition.metricsAddress = good
      try definition.validate()
    }
    for bad in [
      "127.0.0.1", "statsd:8125", "[::1]:8125", "127.0.0.1:{port:statsd}",
      "127.0.0.1:{port:swan.nope}", "{bin}:1", "127.0.0.1:0",
    ] {
      definition.metricsAddress = bad
      expectError(definition, field: "metricsAddress")
    }
  }

  @Test func validate_agentVariablesAreReserved() {
    for name in ["ECS_TASK_ID", "ECS_TASK_DEFINITION", "SIDECARLAB_LOG_STREAMS"] {
      var container = SandboxFixture.shell("a", "true")
      container.environment = [name: "x"]
      expectError(SandboxFixture.task(container), field: "containers[0].environment.\(name)")
    }
  }
}
