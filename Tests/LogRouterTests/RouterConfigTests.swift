import Testing

@testable import LogRouter

@Suite struct RouterConfigTests {
  static let full = """
    # a sandbox router
    [SERVICE]
        Flush          0.2
        Mem_Buf_Limit  4M
        storage.path   /tmp/router-buffer
        HTTP_Server    On
        HTTP_Port      0

    [PARSER]
        Name    access
        Format  regex
        Regex   ^(?<verb>[A-Z]+) (?<path>\\S+)$

    [INPUT]
        Name    stdin
        Tag     app.swan
        Parser  json
        FD      3
        Source  stderr
    [INPUT]
        Name    tcp
        Port    0
        Parser  access
    [FILTER]
        Name    modify
        Match   app.*
        Add     env lab
        Rename  msg message
    [FILTER]
        Name    throttle
        Alias   flood_guard
        Match_Regex ^app\\.
        Rate    100
        Window  5
        Interval 500ms
    [FILTER]
        Name    rewrite_tag
        Match   *
        Rule    $level ^ERROR$ errors.$TAG false
    [OUTPUT]
        Name    http
        Match   *
        Host    127.0.0.1
        Port    8080
        URI     /logs
        Format  json
        Retry_Limit no_limits
    [OUTPUT]
        Name    file
        Match   errors.*
        Path    /tmp
        File    errors.log
        Retry_Limit 3
    """

  @Test func parse_readsEverySection() throws {
    let config = try RouterConfig.parse(Self.full, file: "router.conf")
    #expect(config.service.flush == 0.2)
    #expect(config.service.memoryLimit == 4 * 1024 * 1024)
    #expect(config.service.storagePath == "/tmp/router-buffer")
    #expect(config.service.httpServer)
    #expect(config.inputs.map(\.name) == ["stdin.0", "tcp.0"])
    #expect(config.inputs[0].tag == "app.swan")
    #expect(config.inputs[0].source == "stderr")
    guard case .stream(let descriptor) = config.inputs[0].kind else {
      Issue.record("stdin input is a stream")
      return
    }
    #expect(descriptor == 3)
    #expect(config.inputs[1].tag == "tcp.0")
    #expect(
      try config.inputs[1].parser?.parse("GET /x") == [
        LogField("verb", .string("GET")), LogField("path", .string("/x")),
      ])
    #expect(config.filters.map(\.name) == ["modify.0", "flood_guard", "rewrite_tag.0"])
    #expect(config.filters[1].matcher.matches("app.swan"))
    #expect(!config.filters[1].matcher.matches("errors.app"))
    #expect(config.outputs.map(\.name) == ["http.0", "file.0"])
    #expect(config.outputs[0].retryLimit == nil)
    #expect(config.outputs[1].retryLimit == 3)
    guard case .file(let path) = config.outputs[1].kind else {
      Issue.record("file output")
      return
    }
    #expect(path == "/tmp/errors.log")
  }

  static let minimal = "[INPUT]\n    Name stdin\n[OUTPUT]\n    Name stdout\n    Match *\n"

  @Test(arguments: [
    ("[FILTER]\n  Name gerp\n  Match *\n", "router.conf:7: unknown filter 'gerp'"),
    (
      "[FILTER]\n  Name grep\n  Match *\n  Regx log x\n",
      "router.conf:9: unknown key 'Regx' in [FILTER]"
    ),
    ("[FILTER]\n  Name grep\n  Match *\n  Regex log (unclosed\n", "router.conf:9: "),
    (
      "[FILTER]\n  Name grep\n  Regex log x\n",
      "router.conf:6: [FILTER] needs 'Match' or 'Match_Regex'"
    ),
    (
      "[FILTER]\n  Name throttle\n  Match *\n  Rate many\n",
      "router.conf:9: 'Rate' must be a whole number"
    ),
    (
      "[FILTER]\n  Name rewrite_tag\n  Match *\n  Rule $a b c maybe\n",
      "router.conf:9: the last value of 'Rule'"
    ),
    ("[FILTER]\n  Name modify\n  Match *\n  Set onlykey\n", "router.conf:9: 'Set' needs 2 values"),
    ("[INPUTS]\n", "router.conf:6: unknown section '[INPUTS]'"),
    ("[SERVICE]\n  Mem_Buf_Limit lots\n", "router.conf:7: 'Mem_Buf_Limit' must be a positive size"),
    ("[OUTPUT]\n  Name kafka\n  Match *\n", "router.conf:7: unknown output 'kafka'"),
    (
      "[OUTPUT]\n  Name http\n  Match *\n  Retry_Limit soon\n",
      "router.conf:9: 'Retry_Limit' must be"
    ),
    ("[INPUT]\n  Name stdin\n  Parser yaml\n", "router.conf:8: unknown parser 'yaml'"),
    ("[INPUT]\n  Name stdin\n  Tag\n", "router.conf:8: key 'Tag' has no value"),
    (
      "[PARSER]\n  Name p\n  Format regex\n  Regex no groups\n",
      "router.conf:9: the regular expression names no group"
    ),
  ])
  func parse_errorsNameTheLine(extra: String, expected: String) {
    do {
      _ = try RouterConfig.parse(Self.minimal + extra, file: "router.conf")
      Issue.record("accepted: \(extra)")
    } catch {
      #expect(error.description.hasPrefix(expected), "\(error)")
    }
  }

  @Test func parse_refusesKeysOutsideSectionsAndMissingPlugins() {
    #expect(throws: ConfigError(file: "r.conf", line: 1, "'Flush 1' is outside any section")) {
      try RouterConfig.parse("Flush 1\n", file: "r.conf")
    }
    #expect(throws: ConfigError(file: "r.conf", line: 1, "no [OUTPUT] section")) {
      try RouterConfig.parse("[INPUT]\n Name stdin\n", file: "r.conf")
    }
  }

  @Test func load_reportsAMissingFile() {
    #expect(throws: ConfigError.self) { try RouterConfig.load(path: "/nonexistent/router.conf") }
  }
}
