import Foundation
import Testing

@testable import Store

@Suite struct MigrationTests {
  static let first = Migration(
    version: 1,
    """
    CREATE TABLE labs(id INTEGER PRIMARY KEY, title TEXT NOT NULL);
    INSERT INTO labs(title) VALUES ('Service mesh basics');
    """)
  static let second = Migration(
    version: 2, "ALTER TABLE labs ADD COLUMN minutes INTEGER NOT NULL DEFAULT 30;")

  private func labCount(_ database: Database) throws -> Int? {
    try database.read { try $0.queryOne("SELECT count(*) AS n FROM labs")?.int("n") }
  }

  private func userVersion(_ database: Database) throws -> Int? {
    try database.read { try $0.queryOne("PRAGMA user_version")?.int("user_version") }
  }

  @Test func migrations_applyOnceAndSetUserVersion() throws {
    let file = TemporaryFile()
    defer { file.remove() }
    let opened = try Database(path: file.path, migrations: [Self.first, Self.second])
    #expect(opened.schemaVersion == 2)
    #expect(try userVersion(opened) == 2)
    #expect(try labCount(opened) == 1)
    opened.close()

    let reopened = try Database(path: file.path, migrations: [Self.first, Self.second])
    defer { reopened.close() }
    #expect(reopened.schemaVersion == 2)
    #expect(try labCount(reopened) == 1)
  }

  @Test func migrations_addedLater_runOnlyTheNewOnes() throws {
    let file = TemporaryFile()
    defer { file.remove() }
    try Database(path: file.path, migrations: [Self.first]).close()
    let upgraded = try Database(path: file.path, migrations: [Self.first, Self.second])
    defer { upgraded.close() }
    #expect(upgraded.schemaVersion == 2)
    #expect(try labCount(upgraded) == 1)
    let minutes = try upgraded.read { try $0.queryOne("SELECT minutes FROM labs")?.int("minutes") }
    #expect(minutes == 30)
  }

  @Test func failingMigration_rollsBackAndKeepsVersion() throws {
    let file = TemporaryFile()
    defer { file.remove() }
    let broken = Migration(
      version: 2,
      """
      CREATE TABLE traces(id INTEGER PRIMARY KEY);
      INSERT INTO no_such_table VALUES (1);
      """)
    let error = #expect(throws: StoreError.self) {
      try Database(path: file.path, migrations: [Self.first, broken])
    }
    #expect(error?.message.contains("no_such_table") == true)

    let database = try Database(path: file.path, migrations: [Self.first])
    defer { database.close() }
    #expect(database.schemaVersion == 1)
    let traces = try database.read {
      try $0.queryOne("SELECT count(*) AS n FROM sqlite_master WHERE name = 'traces'")?.int("n")
    }
    #expect(traces == 0)
  }

  @Test func newerDatabase_isRefused() throws {
    let file = TemporaryFile()
    defer { file.remove() }
    try Database(path: file.path, migrations: [Self.first, Self.second]).close()
    let error = #expect(throws: StoreError.self) {
      try Database(path: file.path, migrations: [Self.first])
    }
    #expect(error?.kind == .cannotOpen)
  }

  @Test(arguments: [[Migration(version: 0, "")], [second, first], [first, first]])
  func badVersions_areMisuse(_ migrations: [Migration]) throws {
    let file = TemporaryFile()
    defer { file.remove() }
    let error = #expect(throws: StoreError.self) {
      try Database(path: file.path, migrations: migrations)
    }
    #expect(error?.kind == .misuse)
  }

  @Test func notADatabase_isCorrupt() throws {
    let file = TemporaryFile()
    defer { file.remove() }
    try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: file.path))
    let error = #expect(throws: StoreError.self) { try Database(path: file.path, migrations: []) }
    #expect(error?.kind == .corrupt)
  }

  @Test(arguments: ["", ":memory:", "bad\u{0}path"])
  func nonFilePath_isMisuse(_ path: String) {
    let error = #expect(throws: StoreError.self) { try Database(path: path, migrations: []) }
    #expect(error?.kind == .misuse)
  }

  @Test(arguments: [0, Database.maximumReaders + 1])
  func readerCountOutOfRange_isMisuse(_ readers: Int) {
    let file = TemporaryFile()
    defer { file.remove() }
    let error = #expect(throws: StoreError.self) {
      try Database(path: file.path, migrations: [], readers: readers)
    }
    #expect(error?.kind == .misuse)
  }
}
