extension Label {
  /// The one rule for label names, applied wherever a name comes in (DogStatsD tags, query
  /// `labels`, alarm dimensions): a name Prometheus accepts (`[a-zA-Z_][a-zA-Z0-9_]*`,
  /// Prometheus data model "Metric names and labels") stays as it is; any other byte becomes
  /// `_`, a leading digit gets a `_` before it, and a reserved `__` prefix gets an `x`. So App
  /// Mesh's tag `appmesh.virtual_node:swan` is the label `appmesh_virtual_node="swan"`, the
  /// same in queries, alarms and the `/metrics` exposition.
  public static func prometheusName(_ name: String) -> String {
    var utf8 = name.utf8.makeIterator()
    var valid = true
    var first = true
    while let byte = utf8.next() {
      if !PrometheusCursor.isIdentifierByte(byte, first: first, colon: false) {
        valid = false
        break
      }
      first = false
    }
    if valid, !name.isEmpty, !name.hasPrefix("__") { return name }
    return PrometheusWriter.labelName(name)
  }
}
