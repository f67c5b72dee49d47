import Testing

@testable import Store

@Suite struct DatabaseTests {
  struct Abort: Error, Equatable {}

  private func ownerCount(_ database: Database) throws -> Int? {
    try database.read { try $0.queryOne("SELECT count(*) AS n FROM owners")?.int("n") }
  }

  @Test func open_setsWALForeignKeysAndSynchronous() throws {
    let fixture = try TestDatabase.make()
    let mode = try fixture.database.read {
      try $0.queryOne("PRAGMA journal_mode")?.string("journal_mode")
    }
    #expect(mode == "wal")
    let (foreignKeys, synchronous) = try fixture.database.write { connection in
      (
        try connection.queryOne("PRAGMA foreign_keys")?.int("foreign_keys"),
        try connection.queryOne("PRAGMA synchronous")?.int("synchronous")
      )
    }
    #expect(foreignKeys == 1)
    #expect(synchronous == 1)  // NORMAL
  }

  @Test func write_commitsAndReturnsValue() throws {
    let fixture = try TestDatabase.make()
    let id = try fixture.database.write { connection in
      try connection.execute("INSERT INTO owners(name) VALUES (?)", ["ada"])
      return connection.lastInsertRowID
    }
    #expect(id == 1)
    #expect(try ownerCount(fixture.database) == 1)
  }

  @Test func write_rollsBackOnThrow() throws {
    let fixture = try TestDatabase.make()
    #expect(throws: Abort()) {
      try fixture.database.write { connection in
        try connection.execute("INSERT INTO owners(name) VALUES (?)", ["ada"])
        throw Abort()
      }
    }
    #expect(try ownerCount(fixture.database) == 0)
  }

  @Test func execute_returnsChangedRows() throws {
    let fixture = try TestDatabase.make()
    let changed = try fixture.database.write { connection in
      try connection.execute("INSERT INTO owners(name) VALUES ('a'), ('b'), ('c')")
      return try connection.execute("UPDATE owners SET name = name || '!' WHERE name <> ?", ["b"])
    }
    #expect(changed == 2)
  }

  @Test func read_seesCommittedDataButNotUncommitted() throws {
    let fixture = try TestDatabase.make()
    let seenDuringWrite = try fixture.database.write { connection in
      try connection.execute("INSERT INTO owners(name) VALUES (?)", ["ada"])
      return try ownerCount(fixture.database)
    }
    #expect(seenDuringWrite == 0)
    #expect(try ownerCount(fixture.database) == 1)
  }

  @Test func read_refusesWrites() throws {
    let fixture = try TestDatabase.make()
    let error = #expect(throws: StoreError.self) {
      try fixture.database.read { try $0.execute("INSERT INTO owners(name) VALUES ('ada')") }
    }
    #expect(error?.kind == .readOnly)
  }

  @Test(arguments: [
    ("INSERT INTO pets(owner_id, name) VALUES (99, 'swan')", StoreError.Kind.constraintForeignKey),
    ("INSERT INTO owners(name) VALUES ('ada')", .constraintUnique),
    ("INSERT INTO owners(name) VALUES (NULL)", .constraintNotNull),
    ("INSERT INTO pets(owner_id, name) VALUES (1, '')", .constraintCheck),
    ("INSERT INTO owners(id, name) VALUES (1, 'bob')", .constraintPrimaryKey),
  ])
  func constraintViolation_isMatchable(_ sql: String, _ kind: StoreError.Kind) throws {
    let fixture = try TestDatabase.make()
    try fixture.database.write { try $0.execute("INSERT INTO owners(id, name) VALUES (1, 'ada')") }
    let error = #expect(throws: StoreError.self) {
      try fixture.database.write { try $0.execute(sql) }
    }
    #expect(error?.kind == kind)
    #expect(error?.code == 19)  // SQLITE_CONSTRAINT
    #expect(error?.sql == sql)
  }

  @Test func syntaxError_carriesMessageAndSQL() throws {
    let fixture = try TestDatabase.make()
    let error = #expect(throws: StoreError.self) {
      try fixture.database.read { try $0.query("SELEC 1") }
    }
    #expect(error?.kind == .other)
    #expect(error?.message.contains("syntax error") == true)
    #expect(error?.description.contains("SELEC 1") == true)
  }

  @Test(arguments: [
    ("SELECT ?", [SQLValue]()), ("SELECT 1", [1]), ("SELECT 1; SELECT 2", []),
    ("   -- nothing", []),
    ("SELECT 1 \u{0} ; DROP TABLE owners", []),
  ])
  func badStatementOrArguments_isMisuse(_ sql: String, _ values: [SQLValue]) throws {
    let fixture = try TestDatabase.make()
    let error = #expect(throws: StoreError.self) {
      try fixture.database.write { try $0.query(sql, values) }
    }
    #expect(error?.kind == .misuse)
    #expect(try ownerCount(fixture.database) == 0)
  }

  @Test func executeScript_runsEveryStatementAndRefusesParameters() throws {
    let fixture = try TestDatabase.make()
    try fixture.database.write { connection in
      try connection.executeScript(
        "INSERT INTO owners(name) VALUES ('a'); -- first\nINSERT INTO owners(name) VALUES ('b');;\n"
      )
      try connection.executeScript(" ;; -- only a comment")
    }
    #expect(try ownerCount(fixture.database) == 2)
    let error = #expect(throws: StoreError.self) {
      try fixture.database.write { try $0.executeScript("INSERT INTO owners(name) VALUES (?);") }
    }
    #expect(error?.kind == .misuse)
  }

  @Test func nestedWrite_isMisuseAndOuterStillCommits() throws {
    let fixture = try TestDatabase.make()
    let database = fixture.database
    let inner = try database.write { connection in
      try connection.execute("INSERT INTO owners(name) VALUES ('outer')")
      do {
        try database.write { try $0.execute("INSERT INTO owners(name) VALUES ('inner')") }
        return nil as StoreError?
      } catch let error as StoreError {
        return error
      }
    }
    #expect(inner?.kind == .misuse)
    #expect(try ownerCount(database) == 1)
  }

  @Test func connection_usedAfterItsClosure_isMisuse() throws {
    let fixture = try TestDatabase.make()
    var leaked: Connection?
    try fixture.database.write { leaked = $0 }
    let error = #expect(throws: StoreError.self) {
      try leaked?.execute("INSERT INTO owners(name) VALUES ('x')")
    }
    #expect(error?.kind == .misuse)
    #expect(try ownerCount(fixture.database) == 0)
  }

  @Test func endingTheTransactionInside_isMisuse() throws {
    let fixture = try TestDatabase.make()
    let error = #expect(throws: StoreError.self) {
      try fixture.database.write { try $0.execute("COMMIT") }
    }
    #expect(error?.kind == .misuse)
    try fixture.database.write { try $0.execute("INSERT INTO owners(name) VALUES ('after')") }
    #expect(try ownerCount(fixture.database) == 1)
  }

  @Test func closedDatabase_isMisuse() throws {
    let fixture = try TestDatabase.make()
    fixture.database.close()
    fixture.database.close()
    let error = #expect(throws: StoreError.self) { try fixture.database.read { _ in 1 } }
    #expect(error?.kind == .misuse)
    #expect(throws: StoreError.self) { try fixture.database.write { _ in 1 } }
  }
}
