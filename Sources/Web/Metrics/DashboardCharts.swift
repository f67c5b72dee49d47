import Metrics

/// The dashboard's charts (issue 9 item 3), grouped in sections: per service on the callee
/// side, each call seen from both sides (is it the caller or the callee?), the resilience
/// counters, and each process's CPU and memory. Every chart shades the learner's faults that
/// overlap the window, labelled with the fault and its target.
struct DashboardCharts: Sendable {
  struct Chart: Sendable {
    /// The element id the page and the live refresh share.
    let id: String
    let chart: LineChart
  }

  struct Section: Sendable {
    let title: String
    let charts: [Chart]
  }

  static let width = 480
  static let height = 160

  let data: DashboardData
  let faults: [FaultRecord]
  let range: DashboardRange

  var sections: [Section] {
    [
      Section(title: "Services, callee side", charts: services),
      Section(title: "Calls, seen by the caller and by the callee", charts: edges),
      Section(title: "Retries, timeouts, ejections, overflows", charts: resilience),
      Section(title: "Processes", charts: processes),
    ]
  }

  private var services: [Chart] {
    let nodes = MeshStatNames.nodes
    return [
      chart(
        "chart-requests", "Requests per service", "req/s",
        nodes.map {
          .init(
            name: $0, points: data.merged("\(MeshStatNames.ingress($0)).upstream_rq_total", .rate))
        }),
      chart(
        "chart-errors", "Error rate per service (5xx share)", "%",
        nodes.map { .init(name: $0, points: data.errorShare(MeshStatNames.ingress($0))) }),
      chart(
        "chart-latency", "Latency per service, p50 and p99", "ms",
        nodes.flatMap { node in
          [Statistic.p50, .p99].map { statistic in
            LineChart.Series(
              name: "\(node) \(statistic.rawValue)",
              points: data.merged(
                "\(MeshStatNames.ingress(node)).\(DashboardData.latency)", statistic))
          }
        }),
    ]
  }

  private var edges: [Chart] {
    MeshStatNames.edges.flatMap { edge in
      let caller = MeshStatNames.egress(edge.callee)
      let callee = MeshStatNames.ingress(edge.callee)
      let latency = [Statistic.p99, .p50].flatMap { statistic in
        [
          LineChart.Series(
            name: "\(statistic.rawValue) seen by \(edge.caller)",
            points: data.merged(
              "\(caller).\(DashboardData.latency)", statistic, node: edge.caller)),
          LineChart.Series(
            name: "\(statistic.rawValue) seen by \(edge.callee)",
            points: data.merged("\(callee).\(DashboardData.latency)", statistic)),
        ]
      }
      return [
        chart(
          "chart-edge-\(edge.callee)-latency", "\(edge.caller) → \(edge.callee) latency", "ms",
          latency),
        chart(
          "chart-edge-\(edge.callee)-errors", "\(edge.caller) → \(edge.callee) 5xx share", "%",
          [
            .init(
              name: "seen by \(edge.caller)", points: data.errorShare(caller, node: edge.caller)),
            .init(name: "seen by \(edge.callee)", points: data.errorShare(callee)),
          ]),
      ]
    }
  }

  private var resilience: [Chart] {
    func perCluster(_ stat: String, _ statistic: Statistic) -> [LineChart.Series] {
      MeshStatNames.clusters.map {
        LineChart.Series(
          name: MeshStatNames.legend($0), points: data.merged("\($0).\(stat)", statistic))
      }
      .filter { !$0.points.isEmpty }
    }
    return [
      chart("chart-retries", "Retries", "/s", perCluster("upstream_rq_retry", .rate)),
      chart("chart-timeouts", "Timeouts", "/s", perCluster("upstream_rq_timeout", .rate)),
      chart(
        "chart-ejections", "Hosts ejected (outlier detection)", "hosts",
        perCluster(DashboardData.ejections, .max)),
      chart(
        "chart-overflows", "Circuit-breaker overflows", "/s",
        perCluster("upstream_rq_pending_overflow", .rate)),
    ]
  }

  private var processes: [Chart] {
    /// One line per container: the series of its successive tasks (a restart is a new task
    /// id) joined, the newest value winning where they overlap.
    func perContainer(_ name: String, scale: Double) -> [LineChart.Series] {
      var values: [String: [Double: Double]] = [:]
      for line in data.series(name, .avg) {
        let container = line.labels[MeshStatNames.containerLabel] ?? "?"
        for point in line.points { values[container, default: [:]][point.time] = point.value }
      }
      return values.sorted { $0.key < $1.key }.map { container, points in
        LineChart.Series(
          name: container,
          points: points.sorted { $0.key < $1.key }.map {
            .init(time: $0.key, value: $0.value * scale)
          })
      }
    }
    return [
      chart("chart-cpu", "CPU per process", "%", perContainer(MeshStatNames.cpu, scale: 1)),
      chart(
        "chart-memory", "Memory (RSS) per process", "MiB",
        perContainer(MeshStatNames.memory, scale: 1 / 1_048_576)),
    ]
  }

  /// The learner's faults as shaded intervals: `latency on unicorn-v1-a`.
  var intervals: [LineChart.Interval] {
    faults.filter { $0.startedAt < range.window.upperBound }
      .filter { ($0.endedAt ?? .infinity) >= range.window.lowerBound }
      .sorted { $0.startedAt < $1.startedAt }
      .map { .init(start: $0.startedAt, end: $0.endedAt, label: "\($0.kind) on \($0.target)") }
  }

  private func chart(_ id: String, _ title: String, _ unit: String, _ series: [LineChart.Series])
    -> Chart
  {
    var chart = LineChart(
      title: title, unit: unit, series: series, intervals: intervals, window: range.window)
    chart.width = Self.width
    chart.height = Self.height
    chart.showsLegend = true
    return Chart(id: id, chart: chart)
  }
}
