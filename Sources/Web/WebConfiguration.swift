import Foundation

/// What `sidecarlab serve` tells the web front end.
public struct WebConfiguration: Sendable {
  /// Where the workshop database (`sidecarlab.sqlite`) lives; created if missing.
  public var dataFolder: String
  /// Files served under `/static` (stylesheet, script).
  public var publicFolder: String
  /// One folder per lab, listed on `/labs`.
  public var labsFolder: String
  /// The join code of the default event; `nil` keeps the stored one or generates one.
  public var eventCode: String?
  /// Adds `Secure` to cookies (RFC 6265 §4.1.2.5); on when the server speaks TLS.
  public var secureCookies: Bool
  /// The time, injectable so tests can move it forward.
  public var clock: @Sendable () -> Date
  /// PBKDF2 rounds for new password hashes; tests may lower it (1…600,000), never raise it.
  public var passwordIterations: Int
  /// Folder of the learners' sandboxes; `nil` disables them (the sandbox API answers 503).
  public var sandboxRoot: String?
  /// The sidecarlab executable the sandbox agent launches; `nil` uses the running program.
  public var sandboxExecutable: String?
  /// How often learners' open lab steps are re-checked in the background (issue 4).
  public var progressInterval: Duration
  /// The most step checks one background round makes (round-robin over learners).
  public var progressChecksPerTick: Int

  public init(
    dataFolder: String, publicFolder: String = "Public", labsFolder: String = "Labs",
    eventCode: String? = nil,
    secureCookies: Bool = false
  ) {
    self.dataFolder = dataFolder
    self.publicFolder = publicFolder
    self.labsFolder = labsFolder
    self.eventCode = eventCode
    self.secureCookies = secureCookies
    self.clock = { Date() }
    self.passwordIterations = PasswordHasher.defaultIterations
    self.progressInterval = .seconds(3)
    self.progressChecksPerTick = 200
  }
}
