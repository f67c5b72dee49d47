/// The block structure of a Markdown document (CommonMark §4 and §5, plus GFM tables and callouts).
indirect enum MarkdownBlock {
  case heading(level: Int, text: Substring, line: Int)
  case paragraph(text: String, line: Int)
  case code(info: Substring, text: String)
  case list(ordered: Bool, start: Int, loose: Bool, items: [[MarkdownBlock]])
  case quote([MarkdownBlock])
  case callout(kind: String, blocks: [MarkdownBlock])
  case table(alignments: [TableAlignment], header: [Substring], rows: [[Substring]], line: Int)
}

/// A GFM table column's alignment from its delimiter row (`:--`, `:-:`, `--:`).
enum TableAlignment {
  case none, left, center, right
}
