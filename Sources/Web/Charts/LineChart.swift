import Foundation

/// A small time-series chart drawn by the server as SVG: a title, a y axis with its unit
/// from zero to a rounded maximum, a time axis (start and end, and ticks at round times
/// between), one polyline per series with an optional legend, vertical marks (a moment) and
/// shaded intervals with their label (such as a fault from its start to its end).
///
/// Everything is escaped, and the picture uses classes and SVG presentation attributes only
/// (no `style` attribute, which the pages' Content-Security-Policy forbids). The root's
/// `data-from` and `data-to` hold the window shown, in Unix seconds.
public struct LineChart: Sendable {
  public struct Point: Sendable, Equatable {
    /// Seconds since the Unix epoch.
    public var time: Double
    public var value: Double
    public init(time: Double, value: Double) {
      self.time = time
      self.value = value
    }
  }

  public struct Series: Sendable {
    public var name: String
    public var points: [Point]
    public init(name: String, points: [Point]) {
      self.name = name
      self.points = points
    }
  }

  /// A moment worth pointing at, drawn as a labelled vertical line.
  public struct Mark: Sendable {
    public var time: Double
    public var label: String
    public init(time: Double, label: String) {
      self.time = time
      self.label = label
    }
  }

  /// A span of time worth shading, such as a fault while it was on; `end` nil means still
  /// going (shaded to the window's end).
  public struct Interval: Sendable {
    public var start: Double
    public var end: Double?
    public var label: String
    public init(start: Double, end: Double?, label: String) {
      self.start = start
      self.end = end
      self.label = label
    }
  }

  public var title: String
  /// The unit of the values, shown on the axis (`%`, `MiB`, `ms`, `req/s`).
  public var unit: String
  public var series: [Series]
  public var marks: [Mark]
  public var intervals: [Interval]
  /// The time window shown; by default the span of the data.
  public var window: ClosedRange<Double>?
  /// Names the series under the plot (one row each, in their colours).
  public var showsLegend = false
  public var width = 360
  /// The height of the plot and its axes; a legend adds its rows below.
  public var height = 140

  public init(
    title: String, unit: String, series: [Series], marks: [Mark] = [],
    intervals: [Interval] = [], window: ClosedRange<Double>? = nil
  ) {
    self.title = title
    self.unit = unit
    self.series = series
    self.marks = marks
    self.intervals = intervals
    self.window = window
  }

  /// Room left of and below the plot for the axis labels.
  static let left = 44.0, bottom = 18.0, top = 16.0, right = 6.0
  /// Height of one legend row.
  static let legendRow = 12.0
  /// Round tick spacings for the time axis, in seconds.
  static let tickSpacings: [Double] = [
    1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200,
  ]

  /// Where `time` falls on the x axis of a chart `width` wide showing `window`.
  public static func x(_ time: Double, window: ClosedRange<Double>, width: Int) -> Double {
    let span = max(window.upperBound - window.lowerBound, 1e-9)
    return left + (time - window.lowerBound) / span * (Double(width) - left - right)
  }

  public func svg() -> String {
    let finite = series.flatMap(\.points).filter { $0.time.isFinite && $0.value.isFinite }
    let times = window ?? (finite.map(\.time).min() ?? 0)...(finite.map(\.time).max() ?? 0)
    let maximum = Self.niceCeiling(finite.map(\.value).max() ?? 0)
    let plotWidth = Double(width) - Self.left - Self.right
    let plotHeight = Double(height) - Self.top - Self.bottom
    func x(_ time: Double) -> Double { Self.x(time, window: times, width: width) }
    func y(_ value: Double) -> Double {
      Self.top + plotHeight - min(max(value, 0), maximum) / maximum * plotHeight
    }

    let legendRows = showsLegend ? series.count : 0
    let totalHeight = height + Int(Double(legendRows) * Self.legendRow)

    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(width) \(totalHeight)" \
      width="\(width)" height="\(totalHeight)" role="img" aria-label="\(HTML.escape(title))" \
      data-from="\(Self.number(times.lowerBound))" data-to="\(Self.number(times.upperBound))">
      <title>\(HTML.escape(title))</title>
      <text class="chart-title" x="\(Self.left)" y="11" font-size="11">\(HTML.escape(title))</text>
      <line class="axis" x1="\(Self.left)" y1="\(Self.top)" x2="\(Self.left)" y2="\(Self.top + plotHeight)" stroke="currentColor"/>
      <line class="axis" x1="\(Self.left)" y1="\(Self.top + plotHeight)" x2="\(Self.left + plotWidth)" y2="\(Self.top + plotHeight)" stroke="currentColor"/>
      <text class="tick" x="\(Self.left - 3)" y="\(Self.top + 4)" font-size="9" text-anchor="end">\(Self.number(maximum)) \(HTML.escape(unit))</text>
      <text class="tick" x="\(Self.left - 3)" y="\(Self.top + plotHeight)" font-size="9" text-anchor="end">0</text>

      """
    if finite.isEmpty {
      svg +=
        "<text class=\"empty\" x=\"\(Self.left + plotWidth / 2)\" y=\"\(Self.top + plotHeight / 2)\" "
      svg += "font-size=\"10\" text-anchor=\"middle\">no data yet</text>\n"
    } else {
      svg +=
        "<text class=\"tick\" x=\"\(Self.left)\" y=\"\(height - 4)\" font-size=\"9\">\(Self.clock(times.lowerBound))</text>\n"
      svg +=
        "<text class=\"tick\" x=\"\(Self.left + plotWidth)\" y=\"\(height - 4)\" font-size=\"9\" "
      svg += "text-anchor=\"end\">\(Self.clock(times.upperBound)) UTC</text>\n"
      svg += timeTicks(times, x: x, bottom: Self.top + plotHeight)
    }
    for interval in intervals {
      let start = max(interval.start, times.lowerBound)
      let end = min(interval.end ?? times.upperBound, times.upperBound)
      guard start <= end else { continue }
      let (from, to) = (x(start), max(x(end), x(start) + 1))
      svg += "<g class=\"interval\" data-start=\"\(Self.number(interval.start))\">"
      svg +=
        "<rect class=\"interval-shade\" x=\"\(Self.number(from))\" y=\"\(Self.number(Self.top))\" "
      svg += "width=\"\(Self.number(to - from))\" height=\"\(Self.number(plotHeight))\" "
      svg += "fill=\"currentColor\" fill-opacity=\"0.12\"/>"
      // The label reads into the plot: after the start on the left half, before it on the right.
      let leftHalf = from < Self.left + plotWidth / 2
      svg += "<text class=\"interval-label\" x=\"\(Self.number(leftHalf ? from + 2 : from - 2))\" "
      svg += "y=\"\(Self.number(Self.top + 9))\" font-size=\"8\" "
      svg += "text-anchor=\"\(leftHalf ? "start" : "end")\">\(HTML.escape(interval.label))</text>"
      svg += "<title>\(HTML.escape(interval.label))</title></g>\n"
    }
    for mark in marks where times.contains(mark.time) {
      let position = Self.number(x(mark.time))
      svg += "<line class=\"mark\" x1=\"\(position)\" y1=\"\(Self.top)\" x2=\"\(position)\" "
      svg += "y2=\"\(Self.top + plotHeight)\" stroke=\"currentColor\" stroke-dasharray=\"3 2\">"
      svg += "<title>\(HTML.escape(mark.label))</title></line>\n"
    }
    for (index, line) in series.enumerated() {
      let points = line.points.filter {
        $0.time.isFinite && $0.value.isFinite && times.contains($0.time)
      }
      .sorted { $0.time < $1.time }
      .map { "\(Self.number(x($0.time))),\(Self.number(y($0.value)))" }
      guard !points.isEmpty else { continue }
      svg += "<polyline class=\"series series-\(index)\" fill=\"none\" stroke=\"currentColor\" "
      svg +=
        "points=\"\(points.joined(separator: " "))\"><title>\(HTML.escape(line.name))</title></polyline>\n"
    }
    if showsLegend {
      for (index, line) in series.enumerated() {
        let y = Double(height) + Double(index) * Self.legendRow + Self.legendRow / 2
        svg +=
          "<line class=\"series series-\(index)\" x1=\"\(Self.number(Self.left))\" y1=\"\(Self.number(y))\" "
        svg +=
          "x2=\"\(Self.number(Self.left + 14))\" y2=\"\(Self.number(y))\" stroke=\"currentColor\"/>"
        svg +=
          "<text class=\"legend\" x=\"\(Self.number(Self.left + 18))\" y=\"\(Self.number(y + 3))\" "
        svg += "font-size=\"9\">\(HTML.escape(line.name))</text>\n"
      }
    }
    svg += "</svg>"
    return svg
  }

  /// Ticks at round times inside `times` (at most about five), labelled `HH:MM` (or
  /// `HH:MM:SS` when they are closer than a minute); labels too near the start and end labels
  /// are left out.
  private func timeTicks(
    _ times: ClosedRange<Double>, x: (Double) -> Double, bottom: Double
  ) -> String {
    let span = times.upperBound - times.lowerBound
    guard span > 0,
      let spacing = Self.tickSpacings.first(where: { span / $0 <= 5 })
    else { return "" }
    let plotWidth = Double(width) - Self.left - Self.right
    var text = ""
    var tick = (times.lowerBound / spacing).rounded(.up) * spacing
    while tick <= times.upperBound {
      let position = x(tick)
      text +=
        "<line class=\"tick-line\" x1=\"\(Self.number(position))\" y1=\"\(Self.number(bottom))\" "
      text +=
        "x2=\"\(Self.number(position))\" y2=\"\(Self.number(bottom + 3))\" stroke=\"currentColor\"/>\n"
      if position - Self.left > plotWidth * 0.18,
        Self.left + plotWidth - position > plotWidth * 0.25
      {
        let label = spacing < 60 ? Self.clock(tick) : String(Self.clock(tick).prefix(5))
        text += "<text class=\"tick\" x=\"\(Self.number(position))\" y=\"\(height - 4)\" "
        text += "font-size=\"9\" text-anchor=\"middle\">\(label)</text>\n"
      }
      tick += spacing
    }
    return text
  }

  /// The smallest of 1, 2 or 5 × 10ⁿ at or above `value` (1 for nothing above zero), so the
  /// axis reads in round numbers.
  static func niceCeiling(_ value: Double) -> Double {
    guard value.isFinite, value > 0 else { return 1 }
    let magnitude = pow(10, floor(log10(value)))
    for step in [1.0, 2, 5, 10] where step * magnitude >= value { return step * magnitude }
    return 10 * magnitude
  }

  /// A coordinate or label with at most one decimal.
  static func number(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }

  /// `HH:MM:SS` in UTC.
  static func clock(_ epochSeconds: Double) -> String {
    let seconds = Int(epochSeconds.rounded(.down))
    let day = ((seconds % 86_400) + 86_400) % 86_400
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(two(day / 3600)):\(two(day / 60 % 60)):\(two(day % 60))"
  }
}
