import Testing

@testable import Store

@Suite struct TypedValueTests {
  static let values: [SQLValue] = [
    .null, .integer(.min), .integer(.max), .integer(0), .integer(-1),
    .real(3.141_592_653_589_793), .real(-2.5e-300), .real(.greatestFiniteMagnitude),
    .real(.infinity),
    .text(""), .text("swan 🦢 unicorn 🦄 café"), .text("a\u{0}b"), .blob([]),
    .blob([0, 1, 127, 128, 255]),
  ]

  private func roundTrip(_ value: SQLValue) throws -> SQLValue? {
    let fixture = try TestDatabase.make()
    let id = try fixture.database.write { connection in
      try connection.execute("INSERT INTO cells(value) VALUES (?)", [value])
      return connection.lastInsertRowID
    }
    let row = try fixture.database.read {
      try $0.queryOne("SELECT value FROM cells WHERE id = ?", [.integer(id)])
    }
    return row?["value"]
  }

  @Test(arguments: values) func value_roundTrips(_ value: SQLValue) throws {
    #expect(try roundTrip(value) == value)
  }

  @Test func largeValues_roundTrip() throws {
    let text = SQLValue.text(String(repeating: "unicorn ", count: 20_000))
    let blob = SQLValue.blob((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    #expect(try roundTrip(text) == text)
    #expect(try roundTrip(blob) == blob)
  }

  @Test func textWithNUL_keepsEveryByte() throws {
    let fixture = try TestDatabase.make()
    let row = try fixture.database.write { connection in
      try connection.queryOne("SELECT length(CAST(? AS BLOB)) AS bytes", ["a\u{0}b"])
    }
    #expect(row?.int("bytes") == 3)
  }

  @Test func emptyBlob_isNotNull() throws {
    let fixture = try TestDatabase.make()
    let rows = try fixture.database.write { connection in
      try connection.execute(
        "INSERT INTO cells(id, value) VALUES (1, ?), (2, ?)", [.blob([]), .null])
      return try connection.query("SELECT typeof(value) AS type, value FROM cells ORDER BY id")
    }
    #expect(rows.map { $0.string("type") } == ["blob", "null"])
    #expect(rows[0].blob("value") == [])
    #expect(rows[1].blob("value") == nil)
  }

  @Test func bool_isStoredAsInteger() throws {
    let fixture = try TestDatabase.make()
    let rows = try fixture.database.write { connection in
      try connection.execute(
        "INSERT INTO cells(id, value) VALUES (1, ?), (2, ?)", [SQLValue(true), false])
      return try connection.query("SELECT typeof(value) AS type, value FROM cells ORDER BY id")
    }
    #expect(rows.map { $0.bool("value") } == [true, false])
    #expect(rows.map { $0.string("type") } == ["integer", "integer"])
  }

  @Test func notANumber_isStoredAsNull() throws {
    let fixture = try TestDatabase.make()
    let row = try fixture.database.write { try $0.queryOne("SELECT ? AS value", [.real(.nan)]) }
    #expect(row?["value"] == .null)
  }

  @Test func row_accessorsFollowStorageClass() throws {
    let fixture = try TestDatabase.make()
    let row = try #require(
      try fixture.database.read { connection in
        try connection.queryOne(
          "SELECT 7 AS n, 2.5 AS r, 'swan' AS t, NULL AS z, 1 AS dup, 2 AS dup")
      })
    #expect(row.columnNames == ["n", "r", "t", "z", "dup", "dup"])
    #expect(row.int("n") == 7)
    #expect(row.int64("n") == 7)
    #expect(row.double("n") == 7)
    #expect(row.double("r") == 2.5)
    #expect(row.int("r") == nil)
    #expect(row.string("t") == "swan")
    #expect(row.int("t") == nil)
    #expect(row.string("z") == nil)
    #expect(row["missing"] == .null)
    #expect(row.int("missing") == nil)
    #expect(row[2] == .text("swan"))
    #expect(row[99] == .null)
    #expect(row[-1] == .null)
    #expect(row.int("dup") == 1)
  }
}
