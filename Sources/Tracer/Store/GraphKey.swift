/// One row of the per-minute service graph aggregates: a service's own responses (a node) or
/// the calls from `source` to `target` (an edge).
struct GraphKey: Hashable, Sendable {
  enum Kind: Int, Sendable {
    case node = 0
    case edge = 1
  }

  /// Epoch minute the responses started in.
  var minute: Int
  var kind: Kind
  /// The caller of an edge; "" for a node, and for an edge from outside (the client node).
  var source: String
  var target: String
}
