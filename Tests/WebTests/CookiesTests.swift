import Testing

@testable import Web

@Suite struct CookiesTests {
  @Test func parse_splitsPairsAndTrims() {
    let cookies = Cookies(headerValues: ["a=1; b = two ;c=\"quoted\""])
    #expect(cookies["a"] == "1")
    #expect(cookies["b"] == "two")
    #expect(cookies["c"] == "quoted")
    #expect(cookies["d"] == nil)
  }

  @Test func parse_valueMayContainEquals() {
    #expect(Cookies(headerValues: ["t=abc=="])["t"] == "abc==")
  }

  @Test func parse_skipsPairsWithoutEqualsOrName() {
    let cookies = Cookies(headerValues: ["junk; =nameless; ok=1"])
    #expect(cookies["junk"] == nil)
    #expect(cookies[""] == nil)
    #expect(cookies["ok"] == "1")
  }

  @Test func parse_firstOfRepeatedNameWins() {
    #expect(Cookies(headerValues: ["s=first; s=second", "s=third"])["s"] == "first")
  }

  @Test func parse_readsSeveralFields() {
    let cookies = Cookies(headerValues: ["a=1", "b=2"])
    #expect(cookies["a"] == "1")
    #expect(cookies["b"] == "2")
  }

  @Test func parse_isBoundedInCountAndSize() {
    let many = (0..<(Cookies.maxCookies + 10)).map { "c\($0)=v" }.joined(separator: "; ")
    let cookies = Cookies(headerValues: [many])
    #expect(cookies["c0"] == "v")
    #expect(cookies["c\(Cookies.maxCookies - 1)"] == "v")
    #expect(cookies["c\(Cookies.maxCookies)"] == nil)
    let huge = "big=" + String(repeating: "x", count: Cookies.maxHeaderBytes)
    #expect(Cookies(headerValues: ["a=1", huge])["big"] == nil)
    #expect(Cookies(headerValues: ["a=1", huge])["a"] == "1")
  }

  @Test func setCookie_hasTheSecurityAttributes() {
    let token = Token.generate()
    let lax = Credential.setCookie(token, lifetime: 60, secure: false).headerValue
    #expect(lax == "sidecarlab_session=\(token.text); Path=/; Max-Age=60; HttpOnly; SameSite=Lax")
    let secure = Credential.setCookie(token, lifetime: 60, secure: true).headerValue
    #expect(secure.hasSuffix("; Secure"))
    #expect(SetCookie.deleting("x", secure: false).headerValue.contains("Max-Age=0"))
  }
}
