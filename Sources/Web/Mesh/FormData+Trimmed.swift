import Wire

extension FormData {
  /// The first value of `name` without surrounding spaces and tabs; empty when missing.
  func trimmed(_ name: String) -> String {
    self[name].map { String($0.trimmingASCIISpaces()) } ?? ""
  }
}
