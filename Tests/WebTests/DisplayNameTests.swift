import Testing
import Wire

@testable import Web

@Suite struct DisplayNameTests {
  @Test func validate_trims() throws {
    #expect(try DisplayName.validate("  Ada Lovelace \n") == "Ada Lovelace")
  }

  @Test func validate_refusesEmptyLongAndControl() {
    #expect(throws: HTTPError(.badRequest, "name must not be empty")) {
      try DisplayName.validate("   ")
    }
    #expect(throws: HTTPError.self) { try DisplayName.validate(String(repeating: "a", count: 65)) }
    #expect(throws: HTTPError(.badRequest, "name must not contain control characters")) {
      try DisplayName.validate("Ada\u{7}")
    }
    #expect(throws: HTTPError.self) { try DisplayName.validate("evil\u{202E}txt") }
    #expect(throws: HTTPError.self) { try DisplayName.validate("two\nlines") }
  }

  @Test func validate_acceptsSixtyFourCharactersAndUnicode() throws {
    #expect(try DisplayName.validate(String(repeating: "é", count: 64)).count == 64)
    #expect(try DisplayName.validate("<script>alert(1)</script>") == "<script>alert(1)</script>")
  }

  @Test func eventCode_generatesFromTheUnambiguousAlphabet() {
    for _ in 0..<50 {
      let code = EventCode.generate()
      #expect(EventCode.lengths.contains(code.count))
      #expect(code.allSatisfy { EventCode.alphabet.contains($0) })
    }
  }

  @Test func eventCode_normalizesTypedCodes() {
    #expect(EventCode.normalize(" abc234 ") == "ABC234")
    #expect(EventCode.normalize("ABC") == nil)
    #expect(EventCode.normalize("ABCDEFGHI") == nil)
    #expect(EventCode.normalize("ABC-234") == nil)
  }
}
