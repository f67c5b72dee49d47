/// One result row. Columns are found by index or by the exact name SQLite reports for them
/// (the alias after `AS`, else the column as written). Absent columns read as `.null`.
public struct Row: Sendable {
  let columns: RowColumns
  let values: [SQLValue]

  /// The column names in result order.
  public var columnNames: [String] { columns.names }

  public subscript(_ column: String) -> SQLValue {
    guard let index = columns.index(of: column) else { return .null }
    return values[index]
  }

  public subscript(_ index: Int) -> SQLValue {
    values.indices.contains(index) ? values[index] : .null
  }

  /// The integer in `column`; nil when NULL, absent or not an integer.
  public func int(_ column: String) -> Int? { int64(column).flatMap { Int(exactly: $0) } }

  /// The integer in `column`; nil when NULL, absent or not an integer.
  public func int64(_ column: String) -> Int64? {
    guard case .integer(let value) = self[column] else { return nil }
    return value
  }

  /// The number in `column`; integers widen to `Double` (e.g. `SUM` over integers).
  public func double(_ column: String) -> Double? {
    switch self[column] {
    case .real(let value): value
    case .integer(let value): Double(value)
    default: nil
    }
  }

  /// The text in `column`; nil when NULL, absent or not text.
  public func string(_ column: String) -> String? {
    guard case .text(let value) = self[column] else { return nil }
    return value
  }

  /// The bytes in `column`; nil when NULL, absent or not a blob. An empty blob is `[]`.
  public func blob(_ column: String) -> [UInt8]? {
    guard case .blob(let value) = self[column] else { return nil }
    return value
  }

  /// An integer column read as a flag: 0 is false, anything else true.
  public func bool(_ column: String) -> Bool? { int64(column).map { $0 != 0 } }
}
