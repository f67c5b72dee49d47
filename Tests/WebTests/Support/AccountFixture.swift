import Foundation
import Store

@testable import Web

/// An `AccountService` on a fresh database in a temporary folder, with a hand-moved clock
/// and cheap password hashing.
struct AccountFixture {
  let folder: TemporaryFolder
  let database: Database
  let clock: TestClock
  let accounts: AccountService

  static func make(eventCode: String? = "JOIN42", limiter: SignInLimiter = SignInLimiter()) throws
    -> AccountFixture
  {
    let folder = try TemporaryFolder()
    let clock = TestClock()
    let database = try Database(
      path: folder.path + "/test.sqlite", migrations: AccountSchema.migrations, readers: 2)
    let accounts = try AccountService(
      database: database, eventCode: eventCode, clock: clock.function,
      hasher: PasswordHasher(iterations: 1000),
      limiter: limiter)
    return AccountFixture(folder: folder, database: database, clock: clock, accounts: accounts)
  }

  func remove() {
    database.close()
    folder.remove()
  }
}
