/// Placeholder: replaced by the Labs helper in this session.
enum LabsCommand {
  static func run(_ arguments: [String]) -> Int32 { 2 }
}
