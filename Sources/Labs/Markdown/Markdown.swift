/// Our Markdown-to-HTML renderer: CommonMark-inspired, small, and strict about safety. Raw HTML is
/// escaped as text, every text and attribute value is escaped, only safe link schemes survive, and
/// the work is linear in the input with container nesting capped (Labs/README.md "Markdown").
public enum Markdown {
  /// Renders `text` to HTML.
  public static func render(_ text: String, options: MarkdownOptions = MarkdownOptions()) -> String
  {
    document(text, options: options).html
  }

  /// Renders `text` and reports the links it contains.
  public static func document(_ text: String, options: MarkdownOptions = MarkdownOptions())
    -> RenderedMarkdown
  {
    let blocks = MarkdownBlockParser.parse(MarkdownLine.split(text))
    var writer = MarkdownHTMLWriter(options: options)
    writer.write(blocks)
    return RenderedMarkdown(html: writer.html, links: writer.links)
  }
}
