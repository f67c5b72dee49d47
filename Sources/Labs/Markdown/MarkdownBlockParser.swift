/// Splits lines into blocks (CommonMark §4–5, simplified; GFM tables; GitHub callouts). Containers
/// (block quotes, list items) nest at most `maximumDepth` deep; deeper markers are plain text, so
/// hostile nesting can neither exhaust the stack nor take more than `maximumDepth` passes over a line.
struct MarkdownBlockParser {
  static let maximumDepth = 16

  static func parse(_ lines: [MarkdownLine], depth: Int = 0) -> [MarkdownBlock] {
    var blocks: [MarkdownBlock] = []
    var index = 0
    while index < lines.count {
      let line = lines[index]
      if line.isBlank {
        index += 1
      } else if let fence = MarkdownFence.opening(line.text) {
        blocks.append(code(lines, fence: fence, index: &index))
      } else if let heading = heading(line) {
        blocks.append(heading)
        index += 1
      } else if depth < maximumDepth, quoteContent(line.text) != nil {
        blocks.append(quote(lines, depth: depth, index: &index))
      } else if depth < maximumDepth, let marker = ListMarker(line.text) {
        blocks.append(list(lines, first: marker, depth: depth, index: &index))
      } else if let table = table(lines, index: &index) {
        blocks.append(table)
      } else {
        blocks.append(paragraph(lines, depth: depth, index: &index))
      }
    }
    return blocks
  }

  /// CommonMark §4.5: an unclosed fence runs to the end of its container.
  private static func code(_ lines: [MarkdownLine], fence: MarkdownFence, index: inout Int)
    -> MarkdownBlock
  {
    let indent = min(lines[index].indent, 3)
    index += 1
    var body: [Substring] = []
    while index < lines.count, !fence.isClosed(by: lines[index].text) {
      body.append(lines[index].dedented(by: indent).text)
      index += 1
    }
    index += 1
    return .code(info: fence.language, text: body.map { $0 + "\n" }.joined())
  }

  /// CommonMark §4.2 ATX headings: one to six `#`, then a space or the line end; a closing run of `#` goes.
  static func heading(_ line: MarkdownLine) -> MarkdownBlock? {
    guard !line.text.isIndented(atLeast: 4) else { return nil }
    let rest = line.text.drop { $0 == " " }
    let hashes = rest.prefix { $0 == "#" }
    guard (1...6).contains(hashes.count) else { return nil }
    let afterHashes = rest.dropFirst(hashes.count)
    guard afterHashes.isEmpty || afterHashes.first == " " || afterHashes.first == "\t" else {
      return nil
    }
    var text = afterHashes.trimmingSpaces()
    let closing = text.reversed().prefix { $0 == "#" }.count
    if closing == text.count {
      text = text.dropLast(closing)
    } else if closing > 0, text.dropLast(closing).last == " " {
      text = text.dropLast(closing).trimmingSpaces()
    }
    return .heading(level: hashes.count, text: text, line: line.number)
  }

  /// The text after `>` and one optional space, when the line is part of a block quote (CommonMark §5.1).
  static func quoteContent(_ text: Substring) -> Substring? {
    guard !text.isIndented(atLeast: 4) else { return nil }
    let rest = text.drop { $0 == " " }.dropFirst()
    guard text.drop(while: { $0 == " " }).first == ">" else { return nil }
    return rest.first == " " ? rest.dropFirst() : rest
  }

  /// A block quote; one whose first line is `[!NOTE]` or `[!WARNING]` is a callout (GitHub's syntax).
  private static func quote(_ lines: [MarkdownLine], depth: Int, index: inout Int) -> MarkdownBlock
  {
    var inner: [MarkdownLine] = []
    while index < lines.count, let content = quoteContent(lines[index].text) {
      inner.append(MarkdownLine(text: content, number: lines[index].number))
      index += 1
    }
    let first = inner[0].text.trimmingSpaces()
    for kind in ["note", "warning"] where first.lowercased().hasPrefix("[!\(kind)]") {
      let rest = first.dropFirst(kind.count + 3).trimmingSpaces()
      if rest.isEmpty {
        inner.removeFirst()
      } else {
        inner[0] = MarkdownLine(text: rest, number: inner[0].number)
      }
      return .callout(kind: kind, blocks: parse(inner, depth: depth + 1))
    }
    return .quote(parse(inner, depth: depth + 1))
  }

  /// CommonMark §5.2–5.3: items of one list share a marker; lines indented to an item's content belong
  /// to it (nested lists included); a blank line between items or inside one makes the list loose.
  private static func list(_ lines: [MarkdownLine], first: ListMarker, depth: Int, index: inout Int)
    -> MarkdownBlock
  {
    var items: [[MarkdownLine]] = []
    var current = [MarkdownLine(text: first.content, number: lines[index].number)]
    var contentOffset = first.contentOffset
    var loose = false
    index += 1
    while index < lines.count {
      let line = lines[index]
      if line.isBlank || line.indent >= contentOffset {
        current.append(line.dedented(by: contentOffset))
        index += 1
      } else if let marker = ListMarker(line.text), marker.continues(first), !current.isEmpty {
        loose = loose || current.last!.isBlank
        items.append(current)
        current = [MarkdownLine(text: marker.content, number: line.number)]
        contentOffset = marker.contentOffset
        index += 1
      } else {
        break
      }
    }
    items.append(current)
    var blocks: [[MarkdownBlock]] = []
    for var item in items {
      while item.count > 1, item.last!.isBlank { item.removeLast() }
      loose = loose || separatesBlocks(item)
      blocks.append(parse(item, depth: depth + 1))
    }
    return .list(ordered: first.ordered, start: first.number, loose: loose, items: blocks)
  }

  /// Whether a blank line inside the item separates two of its own blocks (not two items of a nested list).
  private static func separatesBlocks(_ item: [MarkdownLine]) -> Bool {
    zip(item, item.dropFirst()).contains { previous, next in
      previous.isBlank && !next.isBlank && next.indent == 0 && ListMarker(next.text) == nil
    }
  }

  /// GFM tables: a header row, a delimiter row with as many cells, then rows until a blank line or a line
  /// without `|`.
  private static func table(_ lines: [MarkdownLine], index: inout Int) -> MarkdownBlock? {
    guard index + 1 < lines.count, lines[index].text.contains("|") else { return nil }
    let header = cells(lines[index].text)
    let delimiterCells = cells(lines[index + 1].text)
    guard header.count == delimiterCells.count, lines[index + 1].text.contains("-") else {
      return nil
    }
    var alignments: [TableAlignment] = []
    for cell in delimiterCells {
      let dashes = cell.drop { $0 == ":" }.reversed().drop { $0 == ":" }
      guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
      switch (cell.first == ":", cell.last == ":") {
      case (true, true): alignments.append(.center)
      case (true, false): alignments.append(.left)
      case (false, true): alignments.append(.right)
      case (false, false): alignments.append(.none)
      }
    }
    let line = lines[index].number
    index += 2
    var rows: [[Substring]] = []
    while index < lines.count, !lines[index].isBlank, lines[index].text.contains("|") {
      var row = cells(lines[index].text)
      if row.count > header.count { row.removeLast(row.count - header.count) }
      while row.count < header.count { row.append("") }
      rows.append(row)
      index += 1
    }
    return .table(alignments: alignments, header: header, rows: rows, line: line)
  }

  /// Splits a table row on `|` not escaped by a backslash; the outer pipes are optional.
  private static func cells(_ text: Substring) -> [Substring] {
    var row = text.trimmingSpaces()
    if row.first == "|" { row = row.dropFirst() }
    if row.last == "|", row.dropLast().last != "\\" { row = row.dropLast() }
    var cells: [Substring] = []
    var start = row.startIndex
    var position = row.startIndex
    while position < row.endIndex {
      if row[position] == "\\" {
        position = row.index(after: position)
        if position < row.endIndex { position = row.index(after: position) }
        continue
      }
      if row[position] == "|" {
        cells.append(row[start..<position].trimmingSpaces())
        start = row.index(after: position)
      }
      position = row.index(after: position)
    }
    cells.append(row[start...].trimmingSpaces())
    return cells
  }

  /// CommonMark §4.8: lines until a blank line or the start of another block.
  private static func paragraph(_ lines: [MarkdownLine], depth: Int, index: inout Int)
    -> MarkdownBlock
  {
    let first = lines[index].number
    var text: [Substring] = [lines[index].text.drop { $0 == " " }]
    index += 1
    while index < lines.count, !interrupts(lines[index], depth: depth) {
      text.append(lines[index].text.drop { $0 == " " })
      index += 1
    }
    let joined = text.joined(separator: "\n")
    return .paragraph(text: String(Substring(joined).trimmingSpaces()), line: first)
  }

  private static func interrupts(_ line: MarkdownLine, depth: Int) -> Bool {
    if line.isBlank || MarkdownFence.opening(line.text) != nil || heading(line) != nil {
      return true
    }
    guard depth < maximumDepth else { return false }
    if quoteContent(line.text) != nil { return true }
    if let marker = ListMarker(line.text), !marker.content.isBlank,
      !marker.ordered || marker.number == 1
    {
      return true
    }
    return false
  }
}
