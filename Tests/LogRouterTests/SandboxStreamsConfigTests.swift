import Testing
import Wire

@testable import LogRouter

/// `SIDECARLAB_LOG_STREAMS` and the configuration `sidecarlab logrouter` builds from it.
@Suite struct SandboxStreamsConfigTests {
  @Test func parseList_readsEveryEntry() throws {
    let streams = try SandboxLogStream.parseList(
      "3:swan:stdout:json,4:swan:stderr:json,5:loadgen:stdout:")
    #expect(
      streams == [
        SandboxLogStream(descriptor: 3, container: "swan", source: "stdout", parser: "json"),
        SandboxLogStream(descriptor: 4, container: "swan", source: "stderr", parser: "json"),
        SandboxLogStream(descriptor: 5, container: "loadgen", source: "stdout", parser: nil),
      ])
    #expect(try SandboxLogStream.parseList("").isEmpty)
  }

  @Test func parseList_errorsNameTheEntry() {
    let cases: [(String, Int, String)] = [
      ("3:swan:stdout", 1, "expected fd:container:source:parser"),
      ("3:swan:stdout:,2:swan:stderr:", 2, "fd must be 3...1023"),
      ("3:Swan:stdout:", 1, "container must be"),
      ("3:swan:stdin:", 1, "source must be stdout or stderr"),
      ("3:swan:stdout:yaml", 1, "unknown parser 'yaml'"),
      ("3:swan:stdout:,3:swan:stderr:", 2, "descriptor 3 twice"),
      ("3:swan:stdout:,4:swan:stdout:", 2, "swan stdout twice"),
    ]
    for (text, entry, message) in cases {
      #expect {
        try SandboxLogStream.parseList(text)
      } throws: { error in
        guard let error = error as? ConfigError else { return false }
        return error.file == "SIDECARLAB_LOG_STREAMS" && error.line == entry
          && error.message.contains(message)
      }
    }
  }

  @Test func sandbox_buildsStreamInputsLogstoreAndMonitoring() throws {
    let streams = try SandboxLogStream.parseList("3:swan:stdout:json,4:swan:stderr:")
    let config = try RouterConfig.sandbox(
      streams: streams, taskID: "learner-7", dataPath: "logs.sqlite", storagePath: "buffer",
      monitoring: SocketAddress("127.0.0.1:0"))
    #expect(config.inputs.map(\.name) == ["swan.stdout", "swan.stderr"])
    #expect(config.inputs.map(\.tag) == ["swan-firelens-learner-7", "swan-firelens-learner-7"])
    #expect(config.inputs.map(\.source) == ["stdout", "stderr"])
    #expect(config.inputs.map(\.containerName) == ["swan", "swan"])
    #expect(config.inputs[0].parser != nil && config.inputs[1].parser == nil)
    guard case .stream(let descriptor) = config.inputs[1].kind else {
      Issue.record("not a stream input")
      return
    }
    #expect(descriptor == 4)
    #expect(config.outputs.count == 1)
    #expect(config.outputs[0].matcher.matches("swan-firelens-learner-7"))
    #expect(config.outputs[0].retryLimit == nil)
    guard case .logStore(let path, _, _) = config.outputs[0].kind else {
      Issue.record("not a logstore output")
      return
    }
    #expect(path == "logs.sqlite")
    #expect(config.service.httpServer && config.service.httpPort == 0)
    #expect(config.service.storagePath == "buffer")
  }

  @Test func addInputs_refusesANameTheFileUses() throws {
    var config = try RouterConfig.parse(
      """
      [INPUT]
          Name  tcp
          Alias swan.stdout
      [OUTPUT]
          Name  stdout
          Match *
      """, file: "router.conf")
    #expect(throws: ConfigError.self) {
      try config.addInputs(
        for: [SandboxLogStream(descriptor: 3, container: "swan", source: "stdout", parser: nil)],
        taskID: "t")
    }
  }
}
