/// One field a check kind knows: its name, whether it must be present, and what its value may be.
public struct CheckFieldRule: Sendable, Equatable {
  public let name: String
  public let isRequired: Bool
  public let value: CheckValueRule

  public init(_ name: String, required: Bool = false, _ value: CheckValueRule = .text) {
    self.name = name
    self.isRequired = required
    self.value = value
  }
}
