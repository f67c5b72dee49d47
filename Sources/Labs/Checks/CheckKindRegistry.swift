/// The check kinds a lab may use, by name. The engine starts from `standard` and registers each kind it
/// adds (`mesh-config`, `metric`, `logs`, `trace` come later); `labs check` asks the registry it is given.
public struct CheckKindRegistry: Sendable {
  private var kinds: [String: CheckKind] = [:]

  public init(_ kinds: [CheckKind] = []) {
    for kind in kinds { register(kind) }
  }

  /// Adds `kind`, replacing one of the same name.
  public mutating func register(_ kind: CheckKind) {
    kinds[kind.name] = kind
  }

  public func kind(named name: String) -> CheckKind? { kinds[name] }

  /// Registered names, sorted.
  public var names: [String] { kinds.keys.sorted() }

  /// The kinds known today: `sandbox`, `fault` and `answer`.
  public static let standard = CheckKindRegistry([.sandbox, .fault, .answer])
}
