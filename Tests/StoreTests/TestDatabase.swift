import Foundation

@testable import Store

/// A database in a uniquely named temporary file; closed and deleted (with its -wal and -shm
/// files) when the fixture goes away at the end of the test.
final class TestDatabase {
  static let schema = [
    Migration(
      version: 1,
      """
      CREATE TABLE owners(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
      CREATE TABLE pets(
        id INTEGER PRIMARY KEY,
        owner_id INTEGER NOT NULL REFERENCES owners(id),
        name TEXT NOT NULL CHECK (length(name) > 0)
      );
      CREATE TABLE cells(id INTEGER PRIMARY KEY, value);
      CREATE TABLE counter(id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
      INSERT INTO counter VALUES (1, 0);
      """)
  ]

  let file: TemporaryFile
  let database: Database

  private init(file: TemporaryFile, database: Database) {
    self.file = file
    self.database = database
  }

  static func make(
    migrations: [Migration] = schema, readers: Int = 4, busyTimeoutMilliseconds: Int32 = 5000
  ) throws -> TestDatabase {
    let file = TemporaryFile()
    do {
      let database = try Database(
        path: file.path, migrations: migrations, readers: readers,
        busyTimeoutMilliseconds: busyTimeoutMilliseconds)
      return TestDatabase(file: file, database: database)
    } catch {
      file.remove()
      throw error
    }
  }

  deinit {
    database.close()
    file.remove()
  }
}
