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

  /// Short decimals are converted without strtod; the result must be strtod's, bit for bit.
  @Test func parse_readsNumbersAsStrtodDoes() throws {
    var texts = [
      "0", "-0", "0.1", "-0.000001", "1764330000.123456", "9007199254740992", "9007199254740993",
      "123456789012345678901234567890", "0.30000000000000004", "1e3", "2.5E-3", "-7e+2",
      "1.7976931348623157e308", "4.9e-324", "0.1234567890123456789012",
    ]
    for _ in 0..<2_000 {
      let fraction = String(Int.random(in: 0..<1_000_000))
      texts.append(
        "\(Int.random(in: 1_000_000_000..<2_000_000_000)).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
      )
      texts.append("\(Double.random(in: -1e6...1e6))")
    }
    for text in texts {
      let parsed = try JSONParser().parse(Array(text.utf8)).double
      #expect(parsed?.bitPattern == Double(text)?.bitPattern, "\(text)")
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

  /// A collection without contiguous storage is copied to be read, at most one byte past the
  /// limit.
  @Test func parse_readsAndBoundsNonContiguousInput() throws {
    #expect(
      try JSONParser().parse(repeatElement(UInt8(ascii: "7"), count: 3))
        == .number(777, text: "777"))
    #expect(throws: JSONParseError(.tooLarge, at: 64 * 1024)) {
      try JSONParser().parse(repeatElement(UInt8(ascii: " "), count: 1 << 30))
    }
  }

  @Test func jsonText_keepsWholeNumbersWhole() throws {
    let value = try JSONParser().parse(Array(#"{"s": 200, "t": 1.5, "u": [false]}"#.utf8))
    #expect(value.jsonText == #"{"s":200,"t":1.5,"u":[false]}"#)
  }
}
