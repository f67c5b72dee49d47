import Foundation

/// A small time-series chart drawn by the server as SVG: a title, a y axis with its unit
/// from zero to a rounded maximum, start and end times on the x axis, one polyline per
/// series, and vertical marks (such as where a fault started and stopped).
///
/// Everything is escaped, and the picture uses classes and SVG presentation attributes only
/// (no `style` attribute, which the pages' Content-Security-Policy forbids).
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

  public var title: String
  /// The unit of the values, shown on the axis (`%`, `MiB`, `ms`, `req/s`).
  public var unit: String
  public var series: [Series]
  public var marks: [Mark]
  /// The time window shown; by default the span of the data.
  public var window: ClosedRange<Double>?
  public var width = 360
  public var height = 140

  public init(
    title: String, unit: String, series: [Series], marks: [Mark] = [],
    window: ClosedRange<Double>? = nil
  ) {
    self.title = title
    self.unit = unit
    self.series = series
    self.marks = marks
    self.window = window
  }

  /// Room left of and below the plot for the axis labels.
  private static let left = 44.0, bottom = 18.0, top = 16.0, right = 6.0

  public func svg() -> String {
    let finite = series.flatMap(\.points).filter { $0.time.isFinite && $0.value.isFinite }
    let times = window ?? (finite.map(\.time).min() ?? 0)...(finite.map(\.time).max() ?? 0)
    let maximum = Self.niceCeiling(finite.map(\.value).max() ?? 0)
    let plotWidth = Double(width) - Self.left - Self.right
    let plotHeight = Double(height) - Self.top - Self.bottom
    let span = max(times.upperBound - times.lowerBound, 1e-9)
    func x(_ time: Double) -> Double { Self.left + (time - times.lowerBound) / span * plotWidth }
    func y(_ value: Double) -> Double {
      Self.top + plotHeight - min(max(value, 0), maximum) / maximum * plotHeight
    }

    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(width) \(height)" \
      width="\(width)" height="\(height)" role="img" aria-label="\(HTML.escape(title))">
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
    svg += "</svg>"
    return svg
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
