/// One series of a query's answer: its labels and its (time, value) points, in time order.
/// Windows with no data have no point.
public struct QuerySeries: Sendable, Equatable {
  public struct Point: Sendable, Equatable {
    /// The start of the point's window, in Unix seconds.
    public var time: Int64
    public var value: Double

    public init(time: Int64, value: Double) {
      self.time = time
      self.value = value
    }
  }

  public var labels: [Label]
  public var points: [Point]

  public init(labels: [Label], points: [Point]) {
    self.labels = labels
    self.points = points
  }
}
