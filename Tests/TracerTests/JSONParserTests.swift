import Testing

@testable import Tracer

@Suite struct JSONParserTests {
  @Test func parse_readsNestedValuesAndEscapes() throws {
    let value = try JSONParser().parse(
      Array(#"{"a": [1, -2.5e2, true, null], "b": "x\"\u00e9\ud83d\ude00\n"}"#.utf8))
    #expect(value["a"]?.array?.count == 4)
    #expect(value["a"]?.array?[1].double == -250)
    #expect(value["b"]?.string == "x\"é😀\n")
  }

  @Test(arguments: [
    ("", JSONParseError.Reason.unexpectedEnd), ("{", .unexpectedEnd), ("[1,]", .unexpectedByte),
    ("01", .trailingData), ("1.", .invalidNumber), ("\"\u{01}\"", .invalidString),
    (#""\ud800""#, .invalidString), ("{\"a\" 1}", .unexpectedByte), ("tru", .unexpectedEnd),
    ("[1] x", .trailingData), ("1e999", .invalidNumber),
  ])
  func parse_rejectsInvalidDocuments(text: String, reason: JSONParseError.Reason) {
    #expect(throws: JSONParseError.self) { try JSONParser().parse(Array(text.utf8)) }
    do {
      _ = try JSONParser().parse(Array(text.utf8))
    } catch {
      #expect(error.reason == reason)
    }
  }

  @Test func parse_refusesDeepNestingWithoutRecursingFurther() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: JSONParseError(.tooDeep, at: 32)) {
      try JSONParser(maximumBytes: 1 << 20).parse(Array(deep.utf8))
    }
    let fine = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
    #expect((try? JSONParser().parse(Array(fine.utf8))) != nil)
  }

  @Test func parse_refusesOversizedDocuments() {
    let big = "\"" + String(repeating: "a", count: 64 * 1024) + "\""
    #expect(throws: JSONParseError(.tooLarge, at: 64 * 1024)) {
      try JSONParser().parse(Array(big.utf8))
    }
  }

  @Test func jsonText_keepsWholeNumbersWhole() throws {
    let value = try JSONParser().parse(Array(#"{"s": 200, "t": 1.5, "u": [false]}"#.utf8))
    #expect(value.jsonText == #"{"s":200,"t":1.5,"u":[false]}"#)
  }
}
