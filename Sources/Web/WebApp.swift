import Foundation
import Sandbox
import Store
import Wire

/// The web front end: accounts, sessions, pages and the JSON API on one workshop database.
/// `sidecarlab serve` makes one, prints ``bootstrapTokenIfNeeded()`` once, and hands
/// ``routes(extra:)`` to the HTTP server.
public final class WebApp: Sendable {
  public static let databaseFileName = "sidecarlab.sqlite"
  /// Largest body a form or API route accepts; larger gets 413.
  public static let formBodyLimit = 16 * 1024

  public let configuration: WebConfiguration
  public let accounts: AccountService
  let database: Database
  let flashes = FlashStore()
  let markdownCache = MarkdownCache()
  /// The learners' sandboxes; `nil` when ``WebConfiguration/sandboxRoot`` is not set.
  let sandboxes: SandboxService?
  /// The labs served and every learner's progress through them.
  let progress: ProgressEngine
  /// Re-checks the open labs' current steps in the background.
  let progressTicker: ProgressTicker

  /// Creates `dataFolder` if missing, opens and migrates `dataFolder/sidecarlab.sqlite`, and
  /// makes sure the default event exists.
  /// - Throws: ``ConfigurationError`` for bad settings, `StoreError` when the database fails.
  public init(configuration: WebConfiguration) throws {
    guard (1...PasswordHasher.defaultIterations).contains(configuration.passwordIterations) else {
      throw ConfigurationError(
        "passwordIterations must be between 1 and \(PasswordHasher.defaultIterations)")
    }
    guard configuration.progressInterval >= .milliseconds(10),
      (1...10_000).contains(configuration.progressChecksPerTick)
    else {
      throw ConfigurationError(
        "progressInterval must be at least 10 ms and progressChecksPerTick 1...10000")
    }
    do {
      try FileManager.default.createDirectory(
        atPath: configuration.dataFolder, withIntermediateDirectories: true)
    } catch {
      throw ConfigurationError(
        "cannot create data folder \(configuration.dataFolder): \(error.localizedDescription)")
    }
    self.configuration = configuration
    database = try Database(
      path: configuration.dataFolder + "/" + Self.databaseFileName,
      migrations: AccountSchema.migrations + SandboxSchema.migrations + ProgressSchema.migrations
        + InstructorSchema.migrations,
      readers: 2,
      busyTimeoutMilliseconds: 5000)
    accounts = try AccountService(
      database: database, eventCode: configuration.eventCode, clock: configuration.clock,
      hasher: PasswordHasher(iterations: configuration.passwordIterations), limiter: SignInLimiter()
    )
    if let root = configuration.sandboxRoot {
      var agentConfiguration = SandboxAgent.Configuration(root: root)
      if let executable = configuration.sandboxExecutable {
        agentConfiguration.executable = executable
      }
      agentConfiguration.idleTimeoutMillis = SandboxService.idleTimeoutMillis
      let agent: SandboxAgent
      do { agent = try SandboxAgent(configuration: agentConfiguration) } catch {
        throw ConfigurationError("cannot start the sandbox agent: \(error)")
      }
      sandboxes = SandboxService(
        agent: agent, history: FaultHistory(database: database), clock: configuration.clock)
    } else {
      sandboxes = nil
    }
    let progress = ProgressEngine(
      database: database, labs: ProgressEngine.servableLabs(in: configuration.labsFolder),
      statuses: sandboxes, sandboxes: sandboxes, clock: configuration.clock)
    self.progress = progress
    let checksPerTick = configuration.progressChecksPerTick
    progressTicker = ProgressTicker(interval: configuration.progressInterval) {
      progress.tick(limit: checksPerTick)
    }
  }

  /// Starts what runs in the background while the server serves (the progress ticker, which
  /// re-checks open labs); ``shutdown()`` stops it. A `WebApp` used without a server starts
  /// no thread.
  public func startBackgroundWork() {
    progressTicker.start()
  }

  /// Stops the progress ticker, every sandbox and the sandbox agent; call once the server has
  /// stopped.
  public func shutdown() {
    progressTicker.stop()
    sandboxes?.shutdown()
  }

  /// The sandbox agent, `nil` when sandboxes are not enabled.
  public var sandboxAgent: SandboxAgent? { sandboxes?.agent }

  /// The default event's name and join code.
  public var event: (name: String, code: String) {
    (accounts.defaultEvent.name, accounts.defaultEvent.code)
  }

  /// The one-time bootstrap token on first start (no instructor yet), else `nil`. The link to
  /// open is `/bootstrap/<token>`.
  public func bootstrapTokenIfNeeded() throws -> String? {
    try accounts.bootstrapTokenIfNeeded()?.text
  }

  /// Adds an instructor (the `sidecarlab` admin command).
  public func addInstructor(name: String, password: String) throws {
    try accounts.addInstructor(name: name, password: password)
  }

  /// The signed-in person behind a request's session cookie, or `nil`.
  func visitor(_ request: HTTPRequest) throws -> Visitor? {
    guard let credential = Credential.cookie(in: request) else { return nil }
    return try visitor(credential)
  }

  /// The signed-in person behind `credential`, or `nil` when its session is unknown or expired.
  func visitor(_ credential: Credential) throws -> Visitor? {
    guard let session = try accounts.session(forToken: credential.token),
      let account = try accounts.account(for: session)
    else { return nil }
    return Visitor(credential: credential, session: session, account: account)
  }
}
