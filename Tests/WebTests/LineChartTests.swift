import Testing

@testable import Web

@Suite struct LineChartTests {
  static func chart(_ values: [Double], marks: [LineChart.Mark] = []) -> LineChart {
    LineChart(
      title: "CPU <unicorn>", unit: "%",
      series: [
        .init(
          name: "unicorn-v1-1 & co",
          points: values.enumerated().map {
            .init(time: 1000 + Double($0.offset), value: $0.element)
          })
      ],
      marks: marks)
  }

  @Test func points_scaleToTheRoundedMaximum() {
    let svg = Self.chart([0, 50, 100]).svg()
    // Plot: x from 44 to 354, y from 16 (100 %) to 122 (0 %).
    #expect(svg.contains(#"points="44,122 199,69 354,16""#))
    #expect(svg.contains(">100 %</text>"))
    #expect(svg.contains(">00:16:40</text>"))
  }

  @Test func textIsEscaped() {
    let svg = Self.chart([1], marks: [.init(time: 1000, label: "fault <latency> started")]).svg()
    #expect(svg.contains("CPU &lt;unicorn&gt;"))
    #expect(svg.contains("unicorn-v1-1 &amp; co"))
    #expect(svg.contains("fault &lt;latency&gt; started"))
    #expect(!svg.contains("<unicorn>"))
    #expect(!svg.contains("style="))
  }

  @Test func noData_saysSo() {
    #expect(LineChart(title: "RSS", unit: "MiB", series: []).svg().contains("no data yet"))
  }

  @Test func nonFiniteValues_areSkipped() {
    let svg = Self.chart([1, .nan, .infinity, 2]).svg()
    #expect(!svg.contains("nan"))
    #expect(!svg.contains("inf"))
    #expect(svg.components(separatedBy: ",").count - 1 == 2)
  }

  @Test(arguments: [
    (0.0, 1.0), (0.3, 0.5), (1.0, 1.0), (3.0, 5.0), (7.5, 10.0), (12.0, 20.0), (480.0, 500.0),
  ])
  func niceCeiling_isOneTwoOrFiveTimesAPowerOfTen(value: Double, expected: Double) {
    #expect(LineChart.niceCeiling(value) == expected)
  }
}
