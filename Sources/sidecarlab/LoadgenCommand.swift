/// Placeholder: replaced by the module's helper in this session.
enum LoadgenCommand {
  static func run(_ arguments: [String]) -> Int32 { 2 }
}
