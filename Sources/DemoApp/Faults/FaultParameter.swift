/// One parameter of a fault kind: an integer with an inclusive range and the value forms start with.
public struct FaultParameter: Sendable, Equatable {
  public let name: String
  public let range: ClosedRange<Int>
  public let defaultValue: Int

  public init(_ name: String, _ range: ClosedRange<Int>, default defaultValue: Int) {
    self.name = name
    self.range = range
    self.defaultValue = defaultValue
  }
}
