import Testing

@testable import Web

@Suite struct HTMLTests {
  @Test func escape_replacesTheFiveCharacters() {
    #expect(HTML.escape("a & b < c > d \" e ' f") == "a &amp; b &lt; c &gt; d &quot; e &#39; f")
  }

  @Test func escape_neutralizesScriptTag() {
    let escaped = HTML.escape("<script>alert(1)</script>")
    #expect(escaped == "&lt;script&gt;alert(1)&lt;/script&gt;")
    #expect(!escaped.contains("<"))
  }

  @Test func escape_cannotBreakOutOfAnAttribute() {
    let escaped = HTML.escape("\"><img src=x onerror=alert(1)>")
    #expect(!escaped.contains("\""))
    #expect(!escaped.contains("<"))
    #expect(!escaped.contains(">"))
    #expect(HTML.escape("' onmouseover='x").contains("&#39;"))
  }

  @Test func escape_leavesOtherTextAlone() {
    #expect(HTML.escape("Zoë 🦄 swan") == "Zoë 🦄 swan")
  }

  @Test func layout_escapesTitleAndViewerName() {
    let viewer = Layout.Viewer(name: "<b>x</b>", role: .learner, csrfToken: "t\"ok")
    let page = Layout.page(title: "<i>", viewer: viewer, body: "<p>body</p>")
    #expect(page.contains("&lt;b&gt;x&lt;/b&gt;"))
    #expect(page.contains("&lt;i&gt;"))
    #expect(page.contains("t&quot;ok"))
    #expect(page.contains("<p>body</p>"))
    #expect(!page.contains("<b>"))
    #expect(!page.contains("style="))
    #expect(page.contains("<main>"))
    #expect(page.contains("<meta charset=\"utf-8\">"))
  }
}
