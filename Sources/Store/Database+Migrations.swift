extension Database {
  /// Migration versions must be positive, fit `user_version` (a 32-bit integer) and increase.
  static func validate(_ migrations: [Migration]) throws(StoreError) {
    var previous = 0
    for migration in migrations {
      guard migration.version > previous, migration.version <= Int(Int32.max) else {
        throw StoreError.misuse(
          "migration versions must increase from 1 and fit 32 bits: \(migration.version) after \(previous)"
        )
      }
      previous = migration.version
    }
  }

  /// Applies the migrations newer than `PRAGMA user_version`, each in its own BEGIN IMMEDIATE
  /// transaction that also sets the version, so a failure leaves the previous version in place.
  /// The version is re-read inside each transaction, so two processes never both apply a step.
  /// - Returns: the resulting schema version.
  static func migrate(_ writer: ConnectionHandle, to migrations: [Migration]) throws(StoreError)
    -> Int
  {
    let known = migrations.last?.version ?? 0
    var version = try userVersion(writer)
    guard version <= known else {
      throw StoreError.cannotOpen(
        "schema version \(version) is newer than the migrations this build knows (\(known))")
    }
    for migration in migrations where migration.version > version {
      try writer.execute("BEGIN IMMEDIATE")
      do throws(StoreError) {
        if try userVersion(writer) < migration.version {
          try writer.executeScript(migration.sql)
          try writer.execute("PRAGMA user_version = \(migration.version)")
        }
      } catch {
        writer.rollBack()
        throw error
      }
      try writer.commit()
      version = try userVersion(writer)
    }
    return version
  }

  private static func userVersion(_ connection: ConnectionHandle) throws(StoreError) -> Int {
    try connection.query("PRAGMA user_version").first?.int("user_version") ?? 0
  }
}
