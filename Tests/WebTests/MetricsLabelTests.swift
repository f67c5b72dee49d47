import Metrics
import Testing

/// The one rule for label names (`Label.prometheusName`): DogStatsD tags, query labels and
/// alarm dimensions all end up as names Prometheus accepts.
@Suite struct MetricsLabelTests {
  @Test(arguments: [
    ("appmesh.virtual_node", "appmesh_virtual_node"), ("container_name", "container_name"),
    ("9lives", "_9lives"), ("__reserved", "x__reserved"), ("a-b:c", "a_b_c"),
  ])
  func labelNames_becomePrometheusNames(name: String, expected: String) {
    #expect(Label.prometheusName(name) == expected)
  }

  @Test func dogStatsDTags_areReadAsPrometheusLabels() throws {
    let line = try StatsDParser.parse("rq:1|c|#appmesh.virtual_node:swan,canary")[0].get()
    #expect(line.tags == [Label("appmesh_virtual_node", "swan"), Label("canary", "")])
  }
}
