import Foundation
import Sandbox

extension SandboxPage {
  /// The processes as a table (state, health, restarts, last exit with its reason), then two
  /// small charts per process with marks where this learner's faults on it started and ended.
  func processes(_ status: SandboxStatus) -> String {
    var html = """
      <section class="sandbox-processes"><h2>Processes</h2>
      <table class="processes"><thead><tr><th>Name</th><th>Role</th><th>PID</th><th>State</th>\
      <th>Health</th><th>CPU</th><th>Memory</th><th>Restarts</th><th>Last exit</th></tr></thead>
      <tbody>

      """
    for process in status.processes {
      let cpu = process.cpuPercent.map { String(format: "%.1f %%", $0) } ?? "–"
      let rss = process.rssBytes.map { String(format: "%.1f MiB", Double($0) / 1_048_576) } ?? "–"
      html += """
        <tr class="state-\(HTML.escape(process.state.rawValue))"><td>\(HTML.escape(process.name))</td>\
        <td>\(HTML.escape(process.role))</td><td>\(process.pid.map(String.init) ?? "–")</td>\
        <td>\(HTML.escape(process.state.rawValue))</td><td>\(HTML.escape(process.health.rawValue))</td>\
        <td>\(cpu)</td><td>\(rss)</td><td>\(process.restarts)</td><td>\(lastExit(process.lastExit))</td></tr>

        """
    }
    html += "</tbody></table>\n<div class=\"process-charts\">\n"
    for process in status.processes {
      html += """
        <figure class="process-chart"><figcaption>\(HTML.escape(process.name))</figcaption>
        \(charts(process))
        </figure>
        \(output(process))

        """
    }
    return html + "</div></section>\n"
  }

  /// The process's newest stdout and stderr lines (what the agent captured), stderr marked.
  private func output(_ process: ProcessStatus) -> String {
    guard !process.recentLogs.isEmpty else { return "" }
    let lines = process.recentLogs.map { line in
      let text = HTML.escape(line.text)
      return line.stream == .stderr ? "<span class=\"stderr\">\(text)</span>" : text
    }
    return
      "<details class=\"process-output\"><summary>Recent output of \(HTML.escape(process.name))"
      + " (stdout, <span class=\"stderr\">stderr</span>)</summary>\n<pre>"
      + lines.joined(separator: "\n") + "</pre></details>"
  }

  /// The exit's reason and time, or a dash.
  private func lastExit(_ exit: ExitRecord?) -> String {
    guard let exit else { return "–" }
    let time = ISOTime.string(Double(exit.timeMillis) / 1000)
    return "\(HTML.escape(exit.reason)) <time datetime=\"\(time)\">\(time)</time>"
  }

  /// CPU % and RSS MiB of `process` over its samples.
  private func charts(_ process: ProcessStatus) -> String {
    let marks = faults.filter { $0.target == process.name }.flatMap { fault in
      [LineChart.Mark(time: fault.startedAt, label: "\(fault.kind) started")]
        + (fault.endedAt.map { [LineChart.Mark(time: $0, label: "\(fault.kind) ended")] } ?? [])
    }
    func points(_ value: (ResourceSample) -> Double) -> [LineChart.Point] {
      process.samples.map { LineChart.Point(time: Double($0.timeMillis) / 1000, value: value($0)) }
    }
    let cpu = LineChart(
      title: "CPU", unit: "%",
      series: [LineChart.Series(name: "CPU %", points: points(\.cpuPercent))],
      marks: marks)
    let memory = LineChart(
      title: "Memory (RSS)", unit: "MiB",
      series: [
        LineChart.Series(name: "RSS MiB", points: points { Double($0.rssBytes) / 1_048_576 })
      ], marks: marks)
    return cpu.svg() + "\n" + memory.svg()
  }
}
