/// A workshop event learners join with its code.
public struct EventInfo: Sendable, Equatable {
  public let id: Int64
  public let name: String
  public let code: String
}
