import Testing

@testable import DemoApp

@Suite struct JSONParserTests {
  private func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

  @Test func jsonParser_readsNestedValuesAndEscapes() throws {
    let value = try parse(#" {"a": [1, -2.5e1, true, null], "b": "x\"\u00e9\ud83d\ude00"} "#)
    #expect(
      value
        == .object([
          "a": .array([.number(1), .number(-25), .bool(true), .null]), "b": .string("x\"é😀"),
        ]))
  }

  @Test(arguments: [
    "", "{", #"{"a" 1}"#, #"{"a": 1,}"#, "[1 2]", "01", "1.", "-", #""\x""#, "\"a\u{01}\"", "{} {}",
    "tru",
    #"{"a": 1, "a": 2}"#,
  ])
  func jsonParser_refusesMalformedDocuments(text: String) {
    #expect(throws: JSONParser.Failure.self) { try parse(text) }
  }

  @Test func jsonParser_boundsNesting() throws {
    #expect(throws: JSONParser.Failure.self) { try parse(String(repeating: "[", count: 10_000)) }
    #expect(
      try parse(String(repeating: "[", count: 16) + String(repeating: "]", count: 16)) != .null)
  }
}
