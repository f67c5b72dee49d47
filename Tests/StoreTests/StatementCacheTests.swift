import Testing

@testable import Store

@Suite struct StatementCacheTests {
  @Test func sameStatement_reused10kTimes_staysCorrect() throws {
    let fixture = try TestDatabase.make()
    let (wrong, cachedAfterFirst, cachedAfterAll) = try fixture.database.write { connection in
      var wrong = 0
      var cachedAfterFirst = 0
      for i in 0..<10_000 {
        try connection.execute("INSERT INTO cells(value) VALUES (?)", [SQLValue(i)])
        if try connection.queryOne("SELECT ? + 1 AS next", [SQLValue(i)])?.int("next") != i + 1 {
          wrong += 1
        }
        if i == 0 { cachedAfterFirst = connection.cachedStatementCount }
      }
      return (wrong, cachedAfterFirst, connection.cachedStatementCount)
    }
    #expect(wrong == 0)
    #expect(cachedAfterAll == cachedAfterFirst)
    let sum = try fixture.database.read {
      try $0.queryOne("SELECT sum(value) AS s, count(*) AS n FROM cells")
    }
    #expect(sum?.int("s") == 49_995_000)
    #expect(sum?.int("n") == 10_000)
  }

  @Test func cache_isBoundedAndEvictedStatementsStillRun() throws {
    let fixture = try TestDatabase.make()
    let capacity = StatementCache.capacity
    let (wrong, cached) = try fixture.database.write { connection in
      var wrong = 0
      for _ in 0..<2 {
        for i in 0..<(capacity * 3) where try connection.queryOne("SELECT \(i) AS n")?.int("n") != i
        {
          wrong += 1
        }
      }
      return (wrong, connection.cachedStatementCount)
    }
    #expect(wrong == 0)
    #expect(cached == capacity)
  }
}
