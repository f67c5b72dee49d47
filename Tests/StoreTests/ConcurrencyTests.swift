import Dispatch
import Testing

@testable import Store

@Suite struct ConcurrencyTests {
  private func counter(_ database: Database) throws -> Int? {
    try database.read { try $0.queryOne("SELECT n FROM counter WHERE id = 1")?.int("n") }
  }

  @Test func concurrentTasks_loseNoUpdates() async throws {
    let fixture = try TestDatabase.make()
    let database = fixture.database
    let writers = 8
    let increments = 50
    let readersSawDecrease = try await withThrowingTaskGroup(of: Bool.self) { group in
      for _ in 0..<writers {
        group.addTask {
          for _ in 0..<increments {
            // Read-modify-write: a lost update would show up in the final count.
            try database.write { connection in
              let n = try connection.queryOne("SELECT n FROM counter WHERE id = 1")?.int("n") ?? -1
              try connection.execute("UPDATE counter SET n = ? WHERE id = 1", [SQLValue(n + 1)])
            }
          }
          return false
        }
      }
      for _ in 0..<2 {
        group.addTask {
          var last = 0
          for _ in 0..<100 {
            let n = try counter(database) ?? -1
            if n < last { return true }
            last = n
          }
          return false
        }
      }
      return try await group.reduce(false) { $0 || $1 }
    }
    #expect(!readersSawDecrease)
    #expect(try counter(database) == writers * increments)
  }

  @Test func concurrentThreads_commitEveryRow() throws {
    let fixture = try TestDatabase.make()
    let database = fixture.database
    DispatchQueue.concurrentPerform(iterations: 8) { thread in
      for row in 0..<50 {
        _ = try? database.write {
          try $0.execute("INSERT INTO owners(name) VALUES (?)", [SQLValue("\(thread)-\(row)")])
        }
      }
    }
    let count = try database.read {
      try $0.queryOne("SELECT count(DISTINCT name) AS n FROM owners")?.int("n")
    }
    #expect(count == 400)
  }

  @Test func otherHandleHoldingWriteLock_isBusyAfterTimeout() throws {
    let fixture = try TestDatabase.make()
    let impatient = try Database(
      path: fixture.file.path, migrations: TestDatabase.schema, busyTimeoutMilliseconds: 50)
    defer { impatient.close() }
    let holder = HeldWrite(fixture.database, running: "INSERT INTO owners(name) VALUES ('holder')")
    #expect(holder.waitUntilHeld())

    let error = #expect(throws: StoreError.self) {
      try impatient.write { try $0.execute("INSERT INTO owners(name) VALUES ('late')") }
    }
    #expect(error?.kind == .busy)
    // WAL: reading does not wait for the writer, and does not see its uncommitted row.
    #expect(
      try impatient.read { try $0.queryOne("SELECT count(*) AS n FROM owners")?.int("n") } == 0)

    #expect(holder.finish())
    try impatient.write { try $0.execute("INSERT INTO owners(name) VALUES ('late')") }
    #expect(
      try impatient.read { try $0.queryOne("SELECT count(*) AS n FROM owners")?.int("n") } == 2)
  }

  @Test func writerTurn_isBusyAfterTimeout() throws {
    let fixture = try TestDatabase.make(busyTimeoutMilliseconds: 50)
    let holder = HeldWrite(fixture.database)
    #expect(holder.waitUntilHeld())
    let error = #expect(throws: StoreError.self) { try fixture.database.write { _ in 1 } }
    #expect(error?.kind == .busy)
    #expect(holder.finish())
    #expect(try fixture.database.write { _ in 1 } == 1)
  }

  @Test func close_duringAnotherThreadsWrite_rollsItBack() throws {
    let fixture = try TestDatabase.make()
    let holder = HeldWrite(fixture.database, running: "INSERT INTO owners(name) VALUES ('lost')")
    #expect(holder.waitUntilHeld())
    fixture.database.close()
    #expect(holder.finish())
    let reopened = try Database(path: fixture.file.path, migrations: TestDatabase.schema)
    defer { reopened.close() }
    #expect(
      try reopened.read { try $0.queryOne("SELECT count(*) AS n FROM owners")?.int("n") } == 0)
  }

  @Test func allReadersBusy_isBusyAfterTimeout() throws {
    let fixture = try TestDatabase.make(readers: 1, busyTimeoutMilliseconds: 50)
    let database = fixture.database
    let error = #expect(throws: StoreError.self) {
      try database.read { _ in try database.read { _ in 1 } }
    }
    #expect(error?.kind == .busy)
    #expect(try database.read { _ in 1 } == 1)
  }
}
