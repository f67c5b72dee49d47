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
}
