import Testing
import Wire

@testable import Web

@Suite struct RejoinPageTests {
  @Test func rejoin_unknownLinkIs404Page() async throws {
    try await WebServerFixture.with { fixture in
      let page = try await Browser(fixture).get("/rejoin/\(Token.generate().text)")
      #expect(page.status == 404)
      #expect(page.text.contains("unknown rejoin link"))
      #expect(try await Browser(fixture).get("/rejoin/short").status == 404)
    }
  }

  @Test func rejoin_postWithoutTheFormTokenIsRefused() async throws {
    try await WebServerFixture.with { fixture in
      let browser = Browser(fixture)
      let labs = try await browser.join(name: "Grace")
      let link = try #require(labs.text.firstMatch(of: /href="(\/rejoin\/[A-Za-z0-9_-]{43})"/)?.1)
      let stranger = Browser(fixture)
      let refused = try await stranger.post(String(link), [("csrf", "forged")])
      #expect(refused.status == 403)
      #expect(stranger.cookies["sidecarlab_session"] == nil)
    }
  }
}
