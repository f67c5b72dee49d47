/// An INSERT written for many rows at once (`VALUES (…), (…), …`, sqlite.org/lang_insert.html):
/// SQLite runs one statement for a chunk of rows rather than one per row, which is most of
/// what a row costs the tracer's writer. Rows that do not fill a chunk go one at a time, so
/// only two statement texts exist (and stay prepared).
struct MultiRowInsert {
  static let rowsPerStatement = 32

  /// The statement for `rowsPerStatement` rows.
  let chunk: String
  /// The statement for one row.
  let single: String

  /// `head` is `INSERT INTO table(columns)`, `tail` what follows the values (`ON CONFLICT …`).
  init(_ head: String, columns: Int, _ tail: String) {
    let row = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
    chunk =
      head + " VALUES "
      + Array(repeating: row, count: Self.rowsPerStatement).joined(separator: ",") + " " + tail
    single = head + " VALUES " + row + " " + tail
  }

  /// The index ranges of `count` rows: full chunks first, then single rows.
  static func ranges(count: Int) -> [Range<Int>] {
    let full = count / rowsPerStatement * rowsPerStatement
    return stride(from: 0, to: full, by: rowsPerStatement).map { $0..<($0 + rowsPerStatement) }
      + (full..<count).map { $0..<($0 + 1) }
  }

  /// The statement for `range` (one of ``ranges(count:)``).
  func statement(for range: Range<Int>) -> String { range.count == 1 ? single : chunk }
}
