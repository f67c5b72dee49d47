import Telemetry

/// The traffic generator's output lines, one JSON object each.
public enum LoadgenLine {
  /// One request: `time`, `method`, `path`, `status` (0 when no response came, with `error`), `latency_ms`.
  public static func request(
    time: Double, method: String, path: String, status: Int, latencyMilliseconds: Double,
    error: String?
  ) -> [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("time")
    writer.string(WallClock.rfc3339(time))
    writer.key("method")
    writer.string(method)
    writer.key("path")
    writer.string(path)
    writer.key("status")
    writer.int(status)
    writer.key("latency_ms")
    writer.double(rounded(latencyMilliseconds))
    if let error {
      writer.key("error")
      writer.string(error)
    }
    writer.endObject()
    return writer.bytes
  }

  /// A window's summary: `time`, `summary: true`, `window_s`, `count`, `errors`, `p50_ms`, `p90_ms`, `p99_ms`.
  public static func summary(time: Double, windowSeconds: Double, _ window: LatencyWindow)
    -> [UInt8]
  {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("time")
    writer.string(WallClock.rfc3339(time))
    writer.key("summary")
    writer.bool(true)
    writer.key("window_s")
    writer.double(rounded(windowSeconds))
    writer.key("count")
    writer.int(window.count)
    writer.key("errors")
    writer.int(window.errors)
    for (key, fraction) in [("p50_ms", 0.5), ("p90_ms", 0.9), ("p99_ms", 0.99)] {
      writer.key(key)
      writer.double(rounded(window.percentile(fraction)))
    }
    writer.endObject()
    return writer.bytes
  }

  /// Microsecond precision is plenty for milliseconds.
  private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
