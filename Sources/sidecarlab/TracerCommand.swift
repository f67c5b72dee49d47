// Placeholder: replaced by the command's real implementation.
enum TracerCommand {
  static func run(_ arguments: [String]) -> Int32 {
    print("not implemented yet")
    return 2
  }
}
