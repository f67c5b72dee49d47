import Testing

@testable import Store

@Suite struct SQLValueTests {
  @Test func literals_mapToStorageClasses() {
    let values: [SQLValue] = [42, "swan", 1.5, nil, true]
    #expect(values == [.integer(42), .text("swan"), .real(1.5), .null, .integer(1)])
  }

  @Test func initializers_mapSwiftTypes() {
    #expect(SQLValue(7) == .integer(7))
    #expect(SQLValue(Int64.min) == .integer(.min))
    #expect(SQLValue("unicorn") == .text("unicorn"))
    #expect(SQLValue(nil as String?) == .null)
    #expect(SQLValue(false) == .integer(0))
    #expect(SQLValue(2.5) == .real(2.5))
    #expect(SQLValue([1, 2] as [UInt8]) == .blob([1, 2]))
  }
}
