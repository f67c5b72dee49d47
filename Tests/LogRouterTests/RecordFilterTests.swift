import Testing

@testable import LogRouter

@Suite struct RecordFilterTests {
  static func record(_ fields: [(String, LogValue)], tag: String = "app") -> LogRecord {
    LogRecord(tag: tag, timestamp: 0, fields: fields.map { LogField($0.0, $0.1) })
  }

  static func run(_ filter: some RecordFilter, _ record: LogRecord, now: UInt64 = 0) -> (
    FilterOutcome, LogRecord
  ) {
    var filter = filter
    var record = record
    let outcome = filter.apply(to: &record, now: now)
    return (outcome, record)
  }

  @Test(arguments: [
    ("app.*", "app.swan", true), ("app.*", "app", false), ("*", "anything", true),
    ("*.stderr", "app.swan.stderr", true), ("a*b*c", "aXbYc", true), ("a*b*c", "aXbY", false),
    ("exact", "exact", true), ("exact", "exact2", false),
  ])
  func tagMatcher_wildcards(pattern: String, tag: String, matches: Bool) {
    #expect(TagMatcher.wildcard(pattern).matches(tag) == matches)
  }

  @Test(arguments: [
    ("GET 200", "GET 200" as String?, FilterOutcome.keep), ("POST 500", "POST 500", .drop),
    ("GET debug", "GET debug", .drop), ("no key", nil, .drop),
  ])
  func grep_regexAndExcludeRules(name: String, log: String?, expected: FilterOutcome) throws {
    let filter = GrepFilter(rules: [
      .regex(RecordKey("log")!, try CompiledRegex("^GET")),
      .exclude(RecordKey("$log")!, try CompiledRegex("debug")),
    ])
    let record = Self.record(log.map { [("log", .string($0))] } ?? [("other", .integer(1))])
    #expect(Self.run(filter, record).0 == expected, "\(name)")
  }

  @Test func grep_nestedKeyAccessor() throws {
    let filter = GrepFilter(rules: [
      .regex(RecordKey("$k8s['labels']['app']")!, try CompiledRegex("^swan$"))
    ])
    let swan = Self.record([
      ("k8s", .map([LogField("labels", .map([LogField("app", .string("swan"))]))]))
    ])
    let other = Self.record([
      ("k8s", .map([LogField("labels", .map([LogField("app", .string("unicorn"))]))]))
    ])
    #expect(Self.run(filter, swan).0 == .keep)
    #expect(Self.run(filter, other).0 == .drop)
    #expect(RecordKey("$a['unclosed") == nil)
  }

  static let modifyCases: [(ModifyFilter.Rule, [(String, String)])] = [
    (ModifyFilter.Rule.set("a", "9"), [("a", "9"), ("b", "2")]),
    (.set("z", "9"), [("a", "1"), ("b", "2"), ("z", "9")]),
    (.add("a", "9"), [("a", "1"), ("b", "2")]),
    (.add("z", "9"), [("a", "1"), ("b", "2"), ("z", "9")]),
    (.remove("a"), [("b", "2")]),
    (.removeWildcard("*"), []),
    (.rename("a", "b", hard: false), [("a", "1"), ("b", "2")]),
    (.rename("a", "c", hard: false), [("c", "1"), ("b", "2")]),
    (.rename("a", "b", hard: true), [("b", "1")]),
    (.copy("a", "b", hard: false), [("a", "1"), ("b", "2")]),
    (.copy("a", "c", hard: false), [("a", "1"), ("b", "2"), ("c", "1")]),
    (.copy("a", "b", hard: true), [("a", "1"), ("b", "1")]),
    (.copy("missing", "c", hard: true), [("a", "1"), ("b", "2")]),
  ]

  @Test func modify_rulesFollowFluentBit() {
    for (rule, expected) in Self.modifyCases {
      let (outcome, record) = Self.run(
        ModifyFilter(rules: [rule]), Self.record([("a", .string("1")), ("b", .string("2"))]))
      #expect(outcome == .keep)
      #expect(record.fields == expected.map { LogField($0.0, .string($0.1)) }, "\(rule)")
    }
  }

  @Test func recordModifier_recordRemoveAndAllowlist() {
    let input = Self.record([("a", .string("1")), ("b", .string("2")), ("c", .string("3"))])
    let added = Self.run(
      RecordModifierFilter(records: [("env", "lab")], removeKeys: ["b"], allowlist: []), input
    ).1
    #expect(added.fields.map(\.key) == ["a", "c", "env"])
    let allowed = Self.run(
      RecordModifierFilter(records: [], removeKeys: [], allowlist: ["c", "a"]), input
    ).1
    #expect(allowed.fields.map(\.key) == ["a", "c"])
  }

  @Test func nest_nestsAndLiftsWithPrefixes() {
    let input = Self.record([
      ("http_code", .integer(200)), ("http_path", .string("/")), ("log", .string("x")),
    ])
    let nested = Self.run(
      NestFilter(operation: .nest(wildcards: ["http_*"], under: "http"), removePrefix: "http_"),
      input
    ).1
    #expect(
      nested.fields == [
        LogField("log", .string("x")),
        LogField("http", .map([LogField("code", .integer(200)), LogField("path", .string("/"))])),
      ])
    let lifted = Self.run(
      NestFilter(operation: .lift(nestedUnder: "http"), addPrefix: "req."), nested
    ).1
    #expect(
      lifted.fields == [
        LogField("log", .string("x")), LogField("req.code", .integer(200)),
        LogField("req.path", .string("/")),
      ])
    #expect(Self.run(NestFilter(operation: .lift(nestedUnder: "absent")), input).1 == input)
  }

  @Test func throttle_slidingWindowCutsToTheRate() {
    // rate 3 per 1 s over a window of 2 slots: up to 6 in the window.
    var filter = ThrottleFilter(rate: 3, window: 2, interval: 1_000_000_000)
    var record = Self.record([("log", .string("x"))])
    var passed = 0
    for _ in 0..<10 where filter.apply(to: &record, now: 0) == .keep { passed += 1 }
    #expect(passed == 6)
    // One interval later the first slot is still in the window: nothing passes.
    #expect(filter.apply(to: &record, now: 1_000_000_000) == .drop)
    // Two intervals later the busy slot slid out.
    var later = 0
    for _ in 0..<10 where filter.apply(to: &record, now: 2_000_000_000) == .keep { later += 1 }
    #expect(later == 6)
    // A long pause empties the whole window.
    var afterPause = 0
    for _ in 0..<10 where filter.apply(to: &record, now: 60_000_000_000) == .keep {
      afterPause += 1
    }
    #expect(afterPause == 6)
  }

  @Test func rewriteTag_firstMatchingRuleWins() throws {
    let filter = RewriteTagFilter(rules: [
      .init(
        key: RecordKey("level")!, regex: try CompiledRegex("^ERROR$"), newTag: "errors.$TAG",
        keep: false),
      .init(
        key: RecordKey("level")!, regex: try CompiledRegex("^(ERROR|WARN)$"), newTag: "warn",
        keep: true),
    ])
    #expect(
      Self.run(filter, Self.record([("level", .string("ERROR"))])).0
        == .rewrite(tag: "errors.app", keepOriginal: false))
    #expect(
      Self.run(filter, Self.record([("level", .string("WARN"))])).0
        == .rewrite(tag: "warn", keepOriginal: true))
    #expect(Self.run(filter, Self.record([("level", .string("INFO"))])).0 == .keep)
  }
}
