import Foundation
import Store

@testable import Web

/// A ``ProgressEngine`` over a real SQLite file and a labs folder written by the test, with a
/// fake sandbox status, a hand-moved clock and one joined learner.
struct ProgressFixture {
  let folder: TemporaryFolder
  let database: Database
  let clock: TestClock
  let statuses: FakeStatusSource
  let engine: ProgressEngine
  let accounts: AccountService
  let learnerID: Int64

  static func make() throws -> ProgressFixture {
    let folder = try TemporaryFolder()
    try ProgressSamples.writeLabs(into: folder.path + "/labs")
    let clock = TestClock()
    let database = try Database(
      path: folder.path + "/test.sqlite",
      migrations: AccountSchema.migrations + SandboxSchema.migrations + ProgressSchema.migrations,
      readers: 2)
    let accounts = try AccountService(
      database: database, eventCode: "JOIN42", clock: clock.function,
      hasher: PasswordHasher(iterations: 1000), limiter: SignInLimiter())
    let statuses = FakeStatusSource()
    let engine = ProgressEngine(
      database: database, labs: ProgressEngine.servableLabs(in: folder.path + "/labs"),
      statuses: statuses, sandboxes: nil, clock: clock.function)
    let learnerID = try accounts.join(code: "JOIN42", name: "Ann").learnerID
    return ProgressFixture(
      folder: folder, database: database, clock: clock, statuses: statuses, engine: engine,
      accounts: accounts, learnerID: learnerID)
  }

  /// Another learner of the event.
  func join(_ name: String) throws -> Int64 {
    try accounts.join(code: "JOIN42", name: name).learnerID
  }

  /// The learner's stored progress on the test lab.
  func progress(_ learnerID: Int64? = nil) throws -> LabProgress {
    try engine.progress(
      learnerID: learnerID ?? self.learnerID, lab: try engine.lab(ProgressSamples.labID))
  }

  func remove() {
    database.close()
    folder.remove()
  }
}
