/// Literals in argument lists: `[42, "swan", 1.5, nil, true]`.
extension SQLValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral,
  ExpressibleByFloatLiteral,
  ExpressibleByNilLiteral, ExpressibleByBooleanLiteral
{
  public init(integerLiteral value: Int64) { self = .integer(value) }

  public init(stringLiteral value: String) { self = .text(value) }

  public init(floatLiteral value: Double) { self = .real(value) }

  public init(nilLiteral: ()) { self = .null }

  public init(booleanLiteral value: Bool) { self.init(value) }
}
