/// Every plugin instance's counters, in configuration order.
public final class RouterMetrics: Sendable {
  public let inputs: [PluginCounters]
  public let filters: [PluginCounters]
  public let outputs: [PluginCounters]

  public init(inputs: [String], filters: [String], outputs: [String]) {
    self.inputs = inputs.map(PluginCounters.init)
    self.filters = filters.map(PluginCounters.init)
    self.outputs = outputs.map(PluginCounters.init)
  }

  /// The counters of the instance called `name`, whatever its kind.
  public func counters(_ name: String) -> PluginCounters? {
    (inputs + filters + outputs).first { $0.name == name }
  }

  /// Fluent Bit's `GET /api/v1/metrics`:
  /// `{"input":{"stdin.0":{"records":N,"bytes":N}},"filter":{…},"output":{…}}`.
  public func json() -> String {
    var bytes: [UInt8] = []
    var sections: [LogField] = []
    for (title, plugins, counters) in [
      ("input", inputs, PluginCounter.input), ("filter", filters, PluginCounter.filter),
      ("output", outputs, PluginCounter.output),
    ] {
      sections.append(
        LogField(
          title,
          .map(
            plugins.map { plugin in
              LogField(
                plugin.name,
                .map(counters.map { LogField($0.name, .integer(Int64(plugin.value($0)))) }))
            })))
    }
    LogValue.map(sections).appendJSON(to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Fluent Bit's `GET /api/v1/metrics/prometheus` (text format 0.0.4):
  /// `fluentbit_input_records_total{name="stdin.0"} 42` and so on.
  public func prometheus() -> String {
    var text = ""
    for (kind, plugins, counters) in [
      ("input", inputs, PluginCounter.input), ("filter", filters, PluginCounter.filter),
      ("output", outputs, PluginCounter.output),
    ] {
      for counter in counters {
        let metric = "fluentbit_\(kind)_\(counter.name)_total"
        text += "# HELP \(metric) \(kind) \(counter.name.replacing("_", with: " ")).\n"
        text += "# TYPE \(metric) counter\n"
        for plugin in plugins {
          text += "\(metric){name=\"\(plugin.name)\"} \(plugin.value(counter))\n"
        }
      }
    }
    return text
  }
}
