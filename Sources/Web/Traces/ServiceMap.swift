import Tracer

/// The service graph laid out for drawing: the client and every service as nodes, in columns
/// by how many calls away from a caller they are (the client first), and the calls between
/// them as links. At most ``maxNodes`` nodes are drawn (the busiest); the table lists the rest.
struct ServiceMap: Sendable {
  /// The most nodes a picture holds before it stops being readable.
  static let maxNodes = 40

  struct Node: Sendable {
    /// The graph's name; empty for the client.
    var key: String
    /// The service's own responses; `nil` for the client and for services never traced
    /// themselves (only called).
    var statistics: GraphStatistics?
    var column = 0
    var row = 0

    var name: String { key.isEmpty ? "client" : key }
    var health: TraceHealth { statistics.map(TraceHealth.init) ?? .ok }
  }

  struct Link: Sendable {
    var source: String
    var target: String
    var statistics: GraphStatistics
    var health: TraceHealth { TraceHealth(statistics) }
  }

  /// Drawn nodes, by column then row.
  private(set) var nodes: [Node] = []
  /// Calls between drawn nodes, busiest first.
  private(set) var links: [Link] = []
  /// Every service and call, for the table (drawn or not).
  let graph: ServiceGraph
  /// How many nodes were left out of the picture.
  private(set) var omitted = 0

  var columns: Int { (nodes.map(\.column).max() ?? -1) + 1 }
  var rows: Int { (nodes.map(\.row).max() ?? -1) + 1 }

  init(_ graph: ServiceGraph) {
    self.graph = graph
    var traffic: [String: Int] = [:]
    for (name, statistics) in graph.services { traffic[name, default: 0] += statistics.totalCount }
    for (edge, statistics) in graph.edges {
      traffic[edge.source, default: 0] += statistics.totalCount
      traffic[edge.target, default: 0] += statistics.totalCount
    }
    let drawn = Set(
      traffic.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(Self.maxNodes).map(\.key))
    omitted = traffic.count - drawn.count
    let callees = Dictionary(grouping: graph.edges.keys.filter { drawn.contains($0.source) }) {
      $0.source
    }
    let columns = Self.columns(of: drawn, callees: callees.mapValues { $0.map(\.target) })
    var rowsUsed: [Int: Int] = [:]
    for key in drawn.sorted(by: { (columns[$0] ?? 0, $0) < (columns[$1] ?? 0, $1) }) {
      let column = columns[key] ?? 0
      nodes.append(
        Node(
          key: key, statistics: graph.services[key], column: column,
          row: rowsUsed[column, default: 0]))
      rowsUsed[column, default: 0] += 1
    }
    links = graph.edges.filter { drawn.contains($0.key.source) && drawn.contains($0.key.target) }
      .map { Link(source: $0.key.source, target: $0.key.target, statistics: $0.value) }
      .sorted {
        ($0.statistics.totalCount, $1.source, $1.target) > (
          $1.statistics.totalCount, $0.source, $0.target
        )
      }
  }

  /// Each node's column: its distance in calls from the nearest root, breadth first from the
  /// client, then from nodes nobody calls, then (cycles) from the first name left.
  private static func columns(of keys: Set<String>, callees: [String: [String]]) -> [String: Int] {
    let called = Set(callees.values.joined())
    var column: [String: Int] = [:]
    var roots = keys.filter { $0.isEmpty || !called.contains($0) }.sorted()
    while true {
      if roots.isEmpty {
        guard let next = keys.filter({ column[$0] == nil }).min() else { return column }
        roots = [next]
      }
      var queue = roots.filter { column[$0] == nil }
      for root in queue { column[root] = 0 }
      var index = 0
      while index < queue.count {
        let key = queue[index]
        index += 1
        for target in (callees[key] ?? []).sorted()
        where keys.contains(target) && column[target] == nil {
          column[target] = (column[key] ?? 0) + 1
          queue.append(target)
        }
      }
      roots = []
    }
  }
}
