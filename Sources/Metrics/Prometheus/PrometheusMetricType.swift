/// A `# TYPE` of the Prometheus text format 0.0.4.
public enum PrometheusMetricType: String, Sendable {
  case counter, gauge, histogram, summary, untyped
}
