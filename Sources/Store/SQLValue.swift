/// One SQLite value, in the five storage classes SQLite has (sqlite.org/datatype3.html §2).
/// Booleans are stored as the integers 0 and 1, as SQLite itself does.
public enum SQLValue: Sendable, Hashable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob([UInt8])

  public init(_ value: Int) { self = .integer(Int64(value)) }

  public init(_ value: Int64) { self = .integer(value) }

  /// `nil` becomes `.null`.
  public init(_ value: String?) { self = value.map(SQLValue.text) ?? .null }

  public init(_ value: Bool) { self = .integer(value ? 1 : 0) }

  public init(_ value: Double) { self = .real(value) }

  public init(_ value: [UInt8]) { self = .blob(value) }
}
