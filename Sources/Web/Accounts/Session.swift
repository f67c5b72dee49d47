import Foundation

/// A signed-in session as stored: who owns it, its CSRF token and when it ends.
public struct Session: Sendable, Equatable {
  public let role: Role
  /// The learner's or instructor's row id.
  public let ownerID: Int64
  /// Secret every form POST of this session must echo (compared in constant time).
  public let csrfToken: String
  public let expires: Date

  /// How long a session lasts: learners keep theirs for the workshop, instructors sign in daily.
  public static func lifetime(of role: Role) -> TimeInterval {
    switch role {
    case .learner: 7 * 24 * 3600
    case .instructor: 12 * 3600
    }
  }
}
