import Testing

@testable import Labs

/// Markdown inputs and the exact HTML our renderer must produce, hostile inputs included.
@Suite struct MarkdownTests {
  static let cases: [(String, String)] = [
    (
      "Hello",
      "<p>Hello</p>\n"
    ),
    (
      "a\nb",
      "<p>a\nb</p>\n"
    ),
    (
      "a  \nb",
      "<p>a<br>\nb</p>\n"
    ),
    (
      "a\\\nb",
      "<p>a<br>\nb</p>\n"
    ),
    (
      "a\n\nb",
      "<p>a</p>\n<p>b</p>\n"
    ),
    (
      "# One",
      "<h1 id=\"one\">One <a class=\"anchor\" href=\"#one\" aria-label=\"Link to this section\">#</a></h1>\n"
    ),
    (
      "## Two *em*",
      "<h2 id=\"two-em\">Two <em>em</em> <a class=\"anchor\" href=\"#two-em\" aria-label=\"Link to this section\">#</a></h2>\n"
    ),
    (
      "###### Six",
      "<h6 id=\"six\">Six <a class=\"anchor\" href=\"#six\" aria-label=\"Link to this section\">#</a></h6>\n"
    ),
    (
      "####### Seven",
      "<p>####### Seven</p>\n"
    ),
    (
      "#NoSpace",
      "<p>#NoSpace</p>\n"
    ),
    (
      "## Closed ##",
      "<h2 id=\"closed\">Closed <a class=\"anchor\" href=\"#closed\" aria-label=\"Link to this section\">#</a></h2>\n"
    ),
    (
      "# Same\n# Same",
      "<h1 id=\"same\">Same <a class=\"anchor\" href=\"#same\" aria-label=\"Link to this section\">#</a></h1>\n<h1 id=\"same-1\">Same <a class=\"anchor\" href=\"#same-1\" aria-label=\"Link to this section\">#</a></h1>\n"
    ),
    (
      "*em* _em_ **strong** __strong__",
      "<p><em>em</em> <em>em</em> <strong>strong</strong> <strong>strong</strong></p>\n"
    ),
    (
      "***both***",
      "<p><em><strong>both</strong></em></p>\n"
    ),
    (
      "a*b*c",
      "<p>a<em>b</em>c</p>\n"
    ),
    (
      "snake_case_word",
      "<p>snake_case_word</p>\n"
    ),
    (
      "* not em*",
      "<ul>\n<li>not em*</li>\n</ul>\n"
    ),
    (
      "**unclosed",
      "<p>**unclosed</p>\n"
    ),
    (
      "*a **b** c*",
      "<p><em>a <strong>b</strong> c</em></p>\n"
    ),
    (
      "*a _b* c_",
      "<p><em>a _b</em> c_</p>\n"
    ),
    (
      "`code`",
      "<p><code>code</code></p>\n"
    ),
    (
      "``a`b``",
      "<p><code>a`b</code></p>\n"
    ),
    (
      "` `` `",
      "<p><code>``</code></p>\n"
    ),
    (
      "`unclosed",
      "<p>`unclosed</p>\n"
    ),
    (
      "```\nplain\n```",
      "<pre><code>plain\n</code></pre>\n"
    ),
    (
      "~~~ruby\nputs 1\n~~~",
      "<pre><code class=\"language-ruby\">puts 1\n</code></pre>\n"
    ),
    (
      "```js\"><script>\nx\n```",
      "<pre><code class=\"language-jsscript\">x\n</code></pre>\n"
    ),
    (
      "```\nnever closed",
      "<pre><code>never closed\n</code></pre>\n"
    ),
    (
      "````\n```\n````",
      "<pre><code>```\n</code></pre>\n"
    ),
    (
      "- a\n- b",
      "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
    ),
    (
      "* a\n* b",
      "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
    ),
    (
      "1. a\n2. b",
      "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n"
    ),
    (
      "3. c\n4. d",
      "<ol start=\"3\">\n<li>c</li>\n<li>d</li>\n</ol>\n"
    ),
    (
      "- a\n  - b\n    - c",
      "<ul>\n<li>a\n<ul>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>\n"
    ),
    (
      "- a\n\n- b",
      "<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n"
    ),
    (
      "1. a\n   - b\n2. c",
      "<ol>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n<li>c</li>\n</ol>\n"
    ),
    (
      "- a\n1. b",
      "<ul>\n<li>a</li>\n</ul>\n<ol>\n<li>b</li>\n</ol>\n"
    ),
    (
      "[x](https://example.com)",
      "<p><a href=\"https://example.com\" rel=\"noopener noreferrer\">x</a></p>\n"
    ),
    (
      "[x](http://e.com \"T\")",
      "<p><a href=\"http://e.com\" title=\"T\" rel=\"noopener noreferrer\">x</a></p>\n"
    ),
    (
      "[x](/labs/1)",
      "<p><a href=\"/labs/1\">x</a></p>\n"
    ),
    (
      "[x](#top)",
      "<p><a href=\"#top\">x</a></p>\n"
    ),
    (
      "[x](mailto:a@b.c)",
      "<p><a href=\"mailto:a@b.c\">x</a></p>\n"
    ),
    (
      "[x](notes.md)",
      "<p><a href=\"notes.md\">x</a></p>\n"
    ),
    (
      "![alt](pic.svg)",
      "<p><img src=\"pic.svg\" alt=\"alt\"></p>\n"
    ),
    (
      "![alt](https://e.com/p.png 'Title')",
      "<p><img src=\"https://e.com/p.png\" alt=\"alt\" title=\"Title\"></p>\n"
    ),
    (
      "<https://e.com/a?b=1&c=2>",
      "<p><a href=\"https://e.com/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">https://e.com/a?b=1&amp;c=2</a></p>\n"
    ),
    (
      "<mailto:a@b.c>",
      "<p><a href=\"mailto:a@b.c\">mailto:a@b.c</a></p>\n"
    ),
    (
      "<javascript:alert(1)>",
      "<p>&lt;javascript:alert(1)&gt;</p>\n"
    ),
    (
      "> quote",
      "<blockquote>\n<p>quote</p>\n</blockquote>\n"
    ),
    (
      "> a\n> > b",
      "<blockquote>\n<p>a</p>\n<blockquote>\n<p>b</p>\n</blockquote>\n</blockquote>\n"
    ),
    (
      "> [!NOTE]\n> Take care.",
      "<aside class=\"callout note\" aria-label=\"Note\">\n<p>Take care.</p>\n</aside>\n"
    ),
    (
      "> [!WARNING]\n> Hot.",
      "<aside class=\"callout warning\" aria-label=\"Warning\">\n<p>Hot.</p>\n</aside>\n"
    ),
    (
      "> [!note] inline",
      "<aside class=\"callout note\" aria-label=\"Note\">\n<p>inline</p>\n</aside>\n"
    ),
    (
      "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |",
      "<table>\n<thead>\n<tr><th class=\"align-left\">a</th><th class=\"align-center\">b</th><th class=\"align-right\">c</th></tr>\n</thead>\n<tbody>\n<tr><td class=\"align-left\">1</td><td class=\"align-center\">2</td><td class=\"align-right\">3</td></tr>\n</tbody>\n</table>\n"
    ),
    (
      "| a |\n| --- |\n| x \\| y |",
      "<table>\n<thead>\n<tr><th>a</th></tr>\n</thead>\n<tbody>\n<tr><td>x | y</td></tr>\n</tbody>\n</table>\n"
    ),
    (
      "a | b\n--|--\n1 | 2 | 3",
      "<table>\n<thead>\n<tr><th>a</th><th>b</th></tr>\n</thead>\n<tbody>\n<tr><td>1</td><td>2</td></tr>\n</tbody>\n</table>\n"
    ),
    (
      "<script>alert(1)</script>",
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    ),
    (
      "<b>bold</b>",
      "<p>&lt;b&gt;bold&lt;/b&gt;</p>\n"
    ),
    (
      "[x](javascript:alert(1))",
      "<p>[x](javascript:alert(1))</p>\n"
    ),
    (
      "[x](javascript:alert)",
      "<p>x</p>\n"
    ),
    (
      "![x](data:text/html,<script>)",
      "<p>x</p>\n"
    ),
    (
      "![x](data:text/html;base64,PHNjcmlwdD4=)",
      "<p>x</p>\n"
    ),
    (
      "[x](JAVASCRIPT:alert)",
      "<p>x</p>\n"
    ),
    (
      "[x]( javascript:alert)",
      "<p>x</p>\n"
    ),
    (
      "[x](vbscript:msgbox)",
      "<p>x</p>\n"
    ),
    (
      "[x](//evil.com)",
      "<p>x</p>\n"
    ),
    (
      "[x](/\\evil.com)",
      "<p>x</p>\n"
    ),
    (
      "[x](https://e.com/\"onmouseover=alert(1))",
      "<p>[x](https://e.com/&quot;onmouseover=alert(1))</p>\n"
    ),
    (
      "[x](https://e.com 'it''s')",
      "<p>[x](https://e.com &#39;it&#39;&#39;s&#39;)</p>\n"
    ),
    (
      "[x](https://e.com \"a\"b\")",
      "<p>[x](https://e.com &quot;a&quot;b&quot;)</p>\n"
    ),
    (
      "[x](https://e.com \"<b>&'\")",
      "<p><a href=\"https://e.com\" title=\"&lt;b&gt;&amp;&#39;\" rel=\"noopener noreferrer\">x</a></p>\n"
    ),
    (
      "[a'b](https://e.com/'x')",
      "<p><a href=\"https://e.com/&#39;x&#39;\" rel=\"noopener noreferrer\">a&#39;b</a></p>\n"
    ),
    (
      "Tom & Jerry's \"quote\" <tag>",
      "<p>Tom &amp; Jerry&#39;s &quot;quote&quot; &lt;tag&gt;</p>\n"
    ),
    (
      "\\*not em\\*",
      "<p>*not em*</p>\n"
    ),
    (
      "a \\< b",
      "<p>a &lt; b</p>\n"
    ),
    (
      "[[[[x",
      "<p>[[[[x</p>\n"
    ),
    (
      "]]]]",
      "<p>]]]]</p>\n"
    ),
    (
      "[a][b]",
      "<p>[a][b]</p>\n"
    ),
    (
      "[a] (b)",
      "<p>[a] (b)</p>\n"
    ),
    (
      "[x](<https://e.com/a b>)",
      "<p>x</p>\n"
    ),
    (
      "![a \"b\" <c>](x.png)",
      "<p><img src=\"x.png\" alt=\"a &quot;b&quot; &lt;c&gt;\"></p>\n"
    ),
    (
      "| `a|b` | c |\n|---|---|\n| 1 | 2 |",
      "<p>| <code>a|b</code> | c |\n|---|---|\n| 1 | 2 |</p>\n"
    ),
    (
      "- [x](y.md)",
      "<ul>\n<li><a href=\"y.md\">x</a></li>\n</ul>\n"
    ),
    (
      "## What's up?",
      "<h2 id=\"whats-up\">What&#39;s up? <a class=\"anchor\" href=\"#whats-up\" aria-label=\"Link to this section\">#</a></h2>\n"
    ),
    (
      "[x](DaTa:text/html,hi)",
      "<p>x</p>\n"
    ),
    (
      "[x](https://e.com/a_b_c) *[a](b)*",
      "<p><a href=\"https://e.com/a_b_c\" rel=\"noopener noreferrer\">x</a> <em><a href=\"b\">a</a></em></p>\n"
    ),
    (
      "__init__",
      "<p><strong>init</strong></p>\n"
    ),
    (
      "```\n<script>alert(1)</script>\n```",
      "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n"
    ),
    (
      "`<b>`",
      "<p><code>&lt;b&gt;</code></p>\n"
    ),
    (
      "> > > deep",
      "<blockquote>\n<blockquote>\n<blockquote>\n<p>deep</p>\n</blockquote>\n</blockquote>\n</blockquote>\n"
    ),
    (
      "text\n- item",
      "<p>text</p>\n<ul>\n<li>item</li>\n</ul>\n"
    ),
    (
      "text\n2. not a list",
      "<p>text\n2. not a list</p>\n"
    ),
    (
      "1) paren\n2) list",
      "<ol>\n<li>paren</li>\n<li>list</li>\n</ol>\n"
    ),
    (
      "- a\n\n  more\n- b",
      "<ul>\n<li>\n<p>a</p>\n<p>more</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n"
    ),
    (
      "[x](https://e.com/?a=\"b\")",
      "<p><a href=\"https://e.com/?a=&quot;b&quot;\" rel=\"noopener noreferrer\">x</a></p>\n"
    ),
    (
      "```\"><script>alert(1)</script>\nx\n```",
      "<pre><code class=\"language-scriptalert1script\">x\n</code></pre>\n"
    ),
    (
      "[x](java\tscript:alert)",
      "<p>[x](java\tscript:alert)</p>\n"
    ),
    (
      "[x](%6Aavascript:alert)",
      "<p>x</p>\n"
    ),
    (
      "[x](https://e.com/\" onclick=\"alert(1))",
      "<p>[x](https://e.com/&quot; onclick=&quot;alert(1))</p>\n"
    ),
  ]

  @Test(arguments: cases)
  func render_matchesExpectedHTML(markdown: String, html: String) {
    #expect(Markdown.render(markdown) == html)
  }
}

/// Hostile input: bounded work and bounded nesting, never a crash.
@Suite struct MarkdownHostileTests {
  @Test func render_manyStarsStayText() {
    let html = Markdown.render(String(repeating: "*", count: 5000))
    #expect(html == "<p>" + String(repeating: "*", count: 5000) + "</p>\n")
  }

  @Test func render_thousandsOfOpenersStayBalanced() {
    let html = Markdown.render(
      String(repeating: "*a ", count: 3000) + String(repeating: "b* ", count: 3000))
    #expect(
      html.components(separatedBy: "<em>").count == html.components(separatedBy: "</em>").count)
    #expect(html.components(separatedBy: "<em>").count == 3001)
  }

  @Test func render_manyBracketsAndBackticksAreLinear() {
    let clock = ContinuousClock()
    let start = clock.now
    let brackets = Markdown.render(
      String(repeating: "[", count: 20000) + String(repeating: "[a](", count: 5000))
    let ticks = Markdown.render(
      (1...3000).map { String(repeating: "`", count: $0 % 40 + 1) + "a" }.joined())
    let angles = Markdown.render(String(repeating: "<https://x", count: 5000))
    #expect(!brackets.contains("<a "))
    #expect(ticks.hasPrefix("<p><code>"))
    #expect(angles.hasPrefix("<p>&lt;https://x"))
    #expect(clock.now - start < .seconds(5))
  }

  @Test func render_deepListsAreCappedAtSixteen() {
    let html = Markdown.render(String(repeating: "- ", count: 10000) + "x")
    #expect(html.components(separatedBy: "<ul>").count - 1 == MarkdownBlockParser.maximumDepth)
    #expect(html.contains("- - - x"))
  }

  @Test func render_deepBlockquotesAreCappedAtSixteen() {
    let html = Markdown.render(String(repeating: ">", count: 10000) + " x")
    #expect(
      html.components(separatedBy: "<blockquote>").count - 1 == MarkdownBlockParser.maximumDepth)
    #expect(html.contains("&gt;&gt;&gt; x"))
  }

  @Test func render_deepIndentedListsAreCapped() {
    let text = (0..<500).map { String(repeating: "  ", count: $0) + "- x" }.joined(separator: "\n")
    let html = Markdown.render(text)
    #expect(html.components(separatedBy: "<ul>").count - 1 == MarkdownBlockParser.maximumDepth)
  }

  @Test func render_nulAndControlCharactersAreSafe() {
    #expect(Markdown.render("a\u{0}b") == "<p>a\u{FFFD}b</p>\n")
    #expect(Markdown.render("a\r\nb\rc") == "<p>a\nb\nc</p>\n")
  }
}

/// Relative links go through the options so the pages layer can route them.
@Suite struct MarkdownOptionsTests {
  static let options = MarkdownOptions(
    linkBase: "/labs/01-meet/files/", contentBase: "/content/", labsBase: "/labs/")

  @Test(arguments: [
    ("[a](diagram.svg)", "<p><a href=\"/labs/01-meet/files/diagram.svg\">a</a></p>\n"),
    ("[a](./notes/x.md#part)", "<p><a href=\"/labs/01-meet/files/notes/x.md#part\">a</a></p>\n"),
    ("[a](Content/sidecar.md)", "<p><a href=\"/content/sidecar.md\">a</a></p>\n"),
    ("![a](Content/map.svg)", "<p><img src=\"/content/map.svg\" alt=\"a\"></p>\n"),
    ("[a](../02-logs/lab.md)", "<p><a href=\"/labs/02-logs\">a</a></p>\n"),
    ("[a](../02-logs/)", "<p><a href=\"/labs/02-logs\">a</a></p>\n"),
    ("[a](../02-logs/flow.svg)", "<p><a href=\"/labs/02-logs/files/flow.svg\">a</a></p>\n"),
    ("[a](/sandbox)", "<p><a href=\"/sandbox\">a</a></p>\n"),
    ("[a](#top)", "<p><a href=\"#top\">a</a></p>\n"),
    (
      "[a](https://e.com/x.md)",
      "<p><a href=\"https://e.com/x.md\" rel=\"noopener noreferrer\">a</a></p>\n"
    ),
  ])
  func render_rewritesRelativeLinks(markdown: String, html: String) {
    #expect(Markdown.render(markdown, options: Self.options) == html)
  }

  @Test func document_reportsLinksWithLinesAndKinds() {
    let text =
      "intro [a](x.md)\n\n- item ![b](Content/c.svg)\n\n| h |\n|---|\n| [c](javascript:x) |\n\n`[d](not.md)`\n"
    let links = Markdown.document(text).links
    #expect(
      links == [
        MarkdownLink(destination: "x.md", kind: .relative, isImage: false, line: 1),
        MarkdownLink(destination: "Content/c.svg", kind: .relative, isImage: true, line: 3),
        MarkdownLink(destination: "javascript:x", kind: .rejected, isImage: false, line: 7),
      ])
  }
}
