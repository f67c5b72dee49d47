/// One parsed StatsD line: `name:value|type[|@rate][|#tag,…]`.
public struct StatsDLine: Sendable, Equatable {
  public var name: String
  public var type: StatsDType
  /// The number sent (for a gauge delta, the signed change); 0 for sets.
  public var value: Double
  /// A gauge sent as `+N` or `-N`: a change to the last value, not a new value.
  public var isDelta: Bool
  /// A set's member, as sent.
  public var member: String?
  /// `@rate`: the client sent one in 1/rate events; 1 when absent.
  public var sampleRate: Double
  /// DogStatsD tags, in the order sent.
  public var tags: [Label]

  public init(
    name: String, type: StatsDType, value: Double = 0, isDelta: Bool = false,
    member: String? = nil, sampleRate: Double = 1, tags: [Label] = []
  ) {
    self.name = name
    self.type = type
    self.value = value
    self.isDelta = isDelta
    self.member = member
    self.sampleRate = sampleRate
    self.tags = tags
  }
}
