import Testing
import Wire

@testable import Web

@Suite struct FormDataTests {
  static func parse(_ text: String) throws -> FormData { try FormData(parsing: Array(text.utf8)) }

  @Test func parse_decodesPlusAndPercent() throws {
    let form = try Self.parse("name=Ada+Lovelace&code=AB%2FC%3D&empty=&flag")
    #expect(form["name"] == "Ada Lovelace")
    #expect(form["code"] == "AB/C=")
    #expect(form["empty"] == "")
    #expect(form["flag"] == "")
    #expect(form["missing"] == nil)
  }

  @Test func parse_decodesUTF8PercentSequences() throws {
    #expect(try Self.parse("name=Jos%C3%A9")["name"] == "José")
  }

  @Test func parse_keepsMalformedPercentAsIs() throws {
    #expect(try Self.parse("a=100%&b=%zz&c=%4")["a"] == "100%")
    #expect(try Self.parse("b=%zz")["b"] == "%zz")
    #expect(try Self.parse("c=%4")["c"] == "%4")
  }

  @Test func parse_firstOfRepeatedNameWins() throws {
    let form = try Self.parse("a=1&a=2")
    #expect(form["a"] == "1")
    #expect(form.fields.count == 2)
  }

  @Test func parse_invalidUTF8_is400() {
    #expect(throws: HTTPError(.badRequest, "form: name is not valid UTF-8")) {
      try Self.parse("name=%FF%FE")
    }
    #expect(throws: HTTPError(.badRequest, "form: a field name is not valid UTF-8")) {
      try Self.parse("%C3=x")
    }
  }

  @Test func parse_tooManyFields_is400() {
    let body = (0...FormData.maxFields).map { "f\($0)=x" }.joined(separator: "&")
    #expect(throws: HTTPError(.badRequest, "form: more than 64 fields")) { try Self.parse(body) }
  }

  @Test func parse_tooLarge_is413() {
    let body = [UInt8](repeating: UInt8(ascii: "a"), count: FormData.maxBytes + 1)
    #expect(throws: HTTPError(.contentTooLarge, "form too large")) { try FormData(parsing: body) }
  }
}
