import Metrics
import Testing
import Wire

@testable import Web

/// The dashboard's pieces without a server: the chart's fault intervals, legend and time
/// ticks, the range presets, the 5xx share and the alarm form's checks.
@Suite struct DashboardChartTests {
  static let window = 1000.0...1300.0

  static func chart(intervals: [LineChart.Interval]) -> LineChart {
    var chart = LineChart(
      title: "Requests", unit: "req/s",
      series: [
        .init(name: "swan", points: [.init(time: 1000, value: 1), .init(time: 1300, value: 2)]),
        .init(name: "<unicorn>", points: [.init(time: 1100, value: 3)]),
      ],
      intervals: intervals, window: window)
    chart.showsLegend = true
    return chart
  }

  @Test func intervals_areShadedFromStartToEndAndLabelled() {
    let svg = Self.chart(intervals: [
      .init(start: 1060, end: 1120, label: "latency on <unicorn>"),
      .init(start: 1240, end: nil, label: "errors on swan"),
      .init(start: 900, end: 950, label: "before the window"),
    ]).svg()
    // Plot from x 44 to 354 over 300 s: 1060 → 106, 1120 → 168, 1240 → 292.
    #expect(
      svg.contains(#"data-start="1060"><rect class="interval-shade" x="106" y="16" width="62""#))
    #expect(
      svg.contains(#"data-start="1240"><rect class="interval-shade" x="292" y="16" width="62""#))
    #expect(svg.contains(">latency on &lt;unicorn&gt;</text>"))
    #expect(!svg.contains("before the window"))
    #expect(LineChart.x(1060, window: Self.window, width: 360) == 106)
  }

  @Test func legend_namesEverySeriesBelowThePlot() {
    let svg = Self.chart(intervals: []).svg()
    #expect(svg.contains(#"viewBox="0 0 360 164""#))
    #expect(svg.contains(#"<text class="legend" x="62" y="149" font-size="9">swan</text>"#))
    #expect(svg.contains(">&lt;unicorn&gt;</text>"))
  }

  @Test func timeAxis_ticksAtRoundTimes() {
    let svg = Self.chart(intervals: []).svg()
    // 300 s: a tick a minute (1020, 1080, …); labels only away from the start and end labels.
    #expect(svg.components(separatedBy: "class=\"tick-line\"").count - 1 == 5)
    #expect(svg.contains(">00:18</text>"))
  }

  @Test func range_endsOnAStepJustPastNow() throws {
    let range = try DashboardRange(query: "range=1h", now: 10_005.5)
    #expect(range.preset.step == 20)
    #expect(range.end == 10_020)
    #expect(range.start == 6420)
    #expect(try DashboardRange(query: nil, now: 0).preset.name == "15m")
    #expect(throws: HTTPError.self) { try DashboardRange(query: "range=2d", now: 0) }
  }

  @Test func alarmForm_checksNumbersNamesAndLabels() throws {
    let form = try FormData(
      parsing: Array(
        "name=a/b&metric=lat&labels=nocolon&statistic=median&period=x&comparison=Bigger&threshold=&evaluation_periods=3"
          .utf8))
    var alarm = AlarmForm(form)
    #expect(alarm.definition() == nil)
    #expect(
      Set(alarm.errors.keys) == [
        "name", "labels", "statistic", "period", "comparison", "threshold",
      ])

    let good = try FormData(
      parsing: Array(
        "name=slow&metric=lat&labels=appmesh.virtual_node%3Aswan&statistic=Average&period=60&comparison=LessThanThreshold&threshold=1.5&evaluation_periods=3&datapoints="
          .utf8))
    var valid = AlarmForm(good)
    let made = valid.definition()
    let definition = try #require(made)
    #expect(definition.dimensions == [Label("appmesh_virtual_node", "swan")])
    #expect(definition.statistic == .avg)
    #expect(definition.datapointsToAlarm == 3)
  }
}
