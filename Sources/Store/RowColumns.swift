/// The column names of one result set, shared by all its rows, with a name → index lookup.
/// A repeated name (`SELECT a.id, b.id …`) resolves to its first column.
struct RowColumns: Sendable {
  let names: [String]
  private let indexByName: [String: Int]

  init(_ names: [String]) {
    self.names = names
    var indexByName: [String: Int] = [:]
    for (index, name) in names.enumerated() where indexByName[name] == nil {
      indexByName[name] = index
    }
    self.indexByName = indexByName
  }

  func index(of name: String) -> Int? { indexByName[name] }
}
