/// A ```` ```check KIND ```` block: the kind names a registered `CheckKind`, the fields configure it.
public struct CheckSpec: Sendable, Equatable {
  public let kind: String
  public let fields: [CheckField]
  /// Line of the opening fence.
  public let line: Int

  public init(kind: String, fields: [CheckField], line: Int) {
    self.kind = kind
    self.fields = fields
    self.line = line
  }

  /// The value of field `key`, if present.
  public subscript(field key: String) -> String? {
    fields.first { $0.key == key }?.value
  }
}
