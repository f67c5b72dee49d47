/// What joining (or rejoining) an event gives a learner.
public struct JoinResult: Sendable {
  /// The new session's token, for the cookie or `Authorization: Bearer`.
  public let sessionToken: Token
  public let learnerID: Int64
  /// The secret behind the learner's rejoin link (`/rejoin/<token>`); shown once, stored hashed.
  /// `nil` when rejoining, since the learner already holds it.
  public let rejoinToken: Token?
}
