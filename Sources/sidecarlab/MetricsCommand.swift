// Placeholder: replaced by the command's real implementation.
enum MetricsCommand {
  static func run(_ arguments: [String]) -> Int32 {
    print("not implemented yet")
    return 2
  }
}
