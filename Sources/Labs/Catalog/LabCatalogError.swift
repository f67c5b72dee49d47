/// The labs folder itself cannot be read (a usage error for `labs check`, not a lab problem).
public struct LabCatalogError: Error, Sendable, Equatable, CustomStringConvertible {
  public let description: String

  init(_ description: String) {
    self.description = description
  }
}
