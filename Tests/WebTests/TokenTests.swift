import Testing

@testable import Web

@Suite struct TokenTests {
  @Test func generate_is43Base64URLCharacters() {
    let token = Token.generate()
    #expect(token.text.utf8.count == 43)
    #expect(token.text.utf8.allSatisfy(Base64URL.isAlphabet))
    #expect(Token.generate() != token)
  }

  @Test func sha256Hex_matchesFIPS180Vector() {
    #expect(
      Token.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      Token.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  @Test func sha256Hex_ofTokenIsItsTextsDigest() {
    let token = Token.generate()
    #expect(token.sha256Hex == Token.sha256Hex(token.text))
    #expect(token.sha256Hex.count == 64)
    #expect(token.sha256Hex != token.text)
  }

  @Test func parse_refusesWrongLengthOrAlphabet() {
    let good = Token.generate().text
    #expect(Token(good) != nil)
    #expect(Token(good + "A") == nil)
    #expect(Token(String(good.dropFirst())) == nil)
    #expect(Token(String(good.dropFirst()) + "+") == nil)
    #expect(Token(String(good.dropFirst()) + "=") == nil)
    #expect(Token("") == nil)
  }

  @Test func description_hidesTheSecret() {
    let token = Token.generate()
    #expect(!"\(token)".contains(token.text))
  }

  @Test func constantTimeEqual_comparesWholeValues() {
    #expect(ConstantTime.equal("abc", "abc"))
    #expect(!ConstantTime.equal("abc", "abd"))
    #expect(!ConstantTime.equal("abc", "abcd"))
    #expect(ConstantTime.equal("", ""))
  }
}
