/// The person behind a session, as pages and the API show them.
public struct Account: Sendable, Equatable {
  public let role: Role
  public let id: Int64
  public let name: String
}
