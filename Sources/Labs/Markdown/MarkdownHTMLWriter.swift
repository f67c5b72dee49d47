/// Turns blocks into HTML, one element per line; headings get de-duplicated `id`s and a self-link.
struct MarkdownHTMLWriter {
  private(set) var html = ""
  private var inline: MarkdownInlineRenderer
  private var slugs = SlugSet()

  init(options: MarkdownOptions) {
    inline = MarkdownInlineRenderer(options: options)
  }

  var links: [MarkdownLink] { inline.links }

  mutating func write(_ blocks: [MarkdownBlock]) {
    for block in blocks { write(block, tight: false) }
  }

  private mutating func write(_ block: MarkdownBlock, tight: Bool) {
    switch block {
    case .heading(let level, let text, let line):
      let slug = slugs.unique(for: text)
      let content = inline.render(text, line: line)
      html +=
        "<h\(level) id=\"\(slug)\">\(content) <a class=\"anchor\" href=\"#\(slug)\" aria-label=\"Link to this section\">#</a></h\(level)>\n"
    case .paragraph(let text, let line):
      let content = inline.render(text, line: line)
      html += tight ? content : "<p>\(content)</p>\n"
    case .code(let info, let text):
      let language = String(
        info.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "_+-".contains($0)) })
      let className = language.isEmpty ? "" : " class=\"language-\(language)\""
      html += "<pre><code\(className)>\(HTMLEscape.escape(text))</code></pre>\n"
    case .list(let ordered, let start, let loose, let items):
      let tag = ordered ? "ol" : "ul"
      html += ordered && start != 1 ? "<ol start=\"\(start)\">\n" : "<\(tag)>\n"
      for item in items { writeItem(item, tight: !loose) }
      html += "</\(tag)>\n"
    case .quote(let blocks):
      html += "<blockquote>\n"
      write(blocks)
      html += "</blockquote>\n"
    case .callout(let kind, let blocks):
      html +=
        "<aside class=\"callout \(kind)\" aria-label=\"\(kind == "note" ? "Note" : "Warning")\">\n"
      write(blocks)
      html += "</aside>\n"
    case .table(let alignments, let header, let rows, let line):
      html += "<table>\n<thead>\n"
      writeRow(header, cell: "th", alignments: alignments, line: line)
      html += "</thead>\n"
      if !rows.isEmpty {
        html += "<tbody>\n"
        for (offset, row) in rows.enumerated() {
          writeRow(row, cell: "td", alignments: alignments, line: line + 2 + offset)
        }
        html += "</tbody>\n"
      }
      html += "</table>\n"
    }
  }

  /// A tight item's paragraphs render without `<p>` (CommonMark §5.3).
  private mutating func writeItem(_ blocks: [MarkdownBlock], tight: Bool) {
    html += "<li>"
    if !tight, !blocks.isEmpty { html += "\n" }
    for (offset, block) in blocks.enumerated() {
      write(block, tight: tight)
      if tight, case .paragraph = block, offset + 1 < blocks.count { html += "\n" }
    }
    html += "</li>\n"
  }

  /// GFM tables: alignment as a class, so a strict Content-Security-Policy needs no inline styles.
  private mutating func writeRow(
    _ cells: [Substring], cell: String, alignments: [TableAlignment], line: Int
  ) {
    html += "<tr>"
    for (cellText, alignment) in zip(cells, alignments) {
      let attribute =
        switch alignment {
        case .none: ""
        case .left: " class=\"align-left\""
        case .center: " class=\"align-center\""
        case .right: " class=\"align-right\""
        }
      html += "<\(cell)\(attribute)>\(inline.render(cellText, line: line))</\(cell)>"
    }
    html += "</tr>\n"
  }
}
