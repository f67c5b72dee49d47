import Testing

@testable import Metrics

@Suite struct StatsDParserTests {
  static let accepted: [(String, StatsDLine)] = [
    ("hits:1|c", StatsDLine(name: "hits", type: .counter, value: 1)),
    ("hits:3|c|@0.1", StatsDLine(name: "hits", type: .counter, value: 3, sampleRate: 0.1)),
    ("temp:-4.5|g", StatsDLine(name: "temp", type: .gauge, value: -4.5, isDelta: true)),
    ("temp:+3|g", StatsDLine(name: "temp", type: .gauge, value: 3, isDelta: true)),
    ("temp:42|g", StatsDLine(name: "temp", type: .gauge, value: 42)),
    ("rq_time:320|ms", StatsDLine(name: "rq_time", type: .timer, value: 320)),
    (
      "rq_time:12.5|ms|@0.5",
      StatsDLine(name: "rq_time", type: .timer, value: 12.5, sampleRate: 0.5)
    ),
    ("size:1e3|h", StatsDLine(name: "size", type: .histogram, value: 1000)),
    ("size:0.25|d", StatsDLine(name: "size", type: .distribution, value: 0.25)),
    ("users:alice|s", StatsDLine(name: "users", type: .set, member: "alice")),
    (
      "envoy.cluster.unicorn.upstream_rq_503:1|c",
      StatsDLine(name: "envoy.cluster.unicorn.upstream_rq_503", type: .counter, value: 1)
    ),
    (
      "rq:1|c|#service:unicorn,canary",
      StatsDLine(
        name: "rq", type: .counter, value: 1,
        tags: [Label("service", "unicorn"), Label("canary", "")])
    ),
    (
      "rq:2|c|@0.5|#url:http://x/y",
      StatsDLine(
        name: "rq", type: .counter, value: 2, sampleRate: 0.5, tags: [Label("url", "http://x/y")])
    ),
    (
      "rq:1|c|#a:b|c:container1|T1656581400",
      StatsDLine(name: "rq", type: .counter, value: 1, tags: [Label("a", "b")])
    ),
  ]

  @Test(arguments: accepted.indices)
  func parseLine_acceptsEveryType(index: Int) throws {
    let (text, expected) = Self.accepted[index]
    let results = StatsDParser.parse(text)
    #expect(results.count == 1)
    #expect(try results[0].get() == expected)
  }

  static let refused: [(String, StatsDError)] = [
    ("hits", .missingValue),
    (":1|c", .invalidName),
    ("hi ts:1|c", .invalidName),
    (String(repeating: "a", count: 251) + ":1|c", .invalidName),
    ("hits:|c", .invalidValue),
    ("hits:abc|c", .invalidValue),
    ("hits:1.2.3|c", .invalidValue),
    ("hits:nan|g", .invalidValue),
    ("hits:1e999|ms", .invalidValue),
    ("hits:1", .missingType),
    ("hits:1|x", .unknownType),
    ("hits:1|", .unknownType),
    ("hits:1|c|@0", .invalidSampleRate),
    ("hits:1|c|@1.5", .invalidSampleRate),
    ("hits:1|c|@x", .invalidSampleRate),
    ("hits:1|c|#", .invalidTags),
    ("hits:1|c|#a,,b", .invalidTags),
    ("hits:1|c|#:v", .invalidTags),
    ("hits:1|c|" + "#" + (0..<33).map { "t\($0)" }.joined(separator: ","), .invalidTags),
    ("hits:1|c|zz", .unknownField),
    ("users:|s", .invalidValue),
    ("hits:" + String(repeating: "1", count: 5000) + "|c", .lineTooLong),
  ]

  @Test(arguments: refused.indices)
  func parseLine_refusesMalformedWithReason(index: Int) {
    let (text, reason) = Self.refused[index]
    let results = StatsDParser.parse(text)
    #expect(results.count == 1)
    #expect(throws: reason) { try results[0].get() }
  }

  @Test func parse_splitsDatagramIntoLinesAndSkipsEmptyOnes() throws {
    let results = StatsDParser.parse("a:1|c\nb:2|g\r\n\nbad\nc:3|ms\n")
    #expect(results.count == 4)
    #expect(try results[0].get().name == "a")
    #expect(try results[1].get().name == "b")
    #expect(throws: StatsDError.missingValue) { try results[2].get() }
    #expect(try results[3].get().value == 3)
  }

  @Test func parse_survivesArbitraryBytes() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      let bytes = (0..<Int.random(in: 0..<80, using: &generator)).map { _ in
        [
          UInt8(ascii: ":"), UInt8(ascii: "|"), UInt8(ascii: "#"), UInt8(ascii: "@"), 10, 0xFF,
          0x31,
        ]
        .randomElement(using: &generator)!
      }
      bytes.withUnsafeBufferPointer { buffer in
        StatsDParser.parse(datagram: buffer) { _ in }
      }
    }
    #expect(StatsDParser.parse("\u{FF}:1|c").count == 1)
  }

  @Test func decimalNumber_matchesStandardLibrary() {
    for text in [
      "0", "1", "-1", "3.14159", "0.1", "123456789012345", "1e-5", "2.5E+10", "0.000001",
      "98765.4321e-3",
    ] {
      let parsed = Array(text.utf8).withUnsafeBufferPointer { DecimalNumber.parse($0) }
      #expect(parsed == Double(text), "\(text)")
    }
  }
}
