import Glibc
import Telemetry
import Testing

@testable import Metrics

@Suite struct LogHistogramTests {
  /// The sample at rank ⌊q·(n-1)⌋, the definition the histogram promises to approximate.
  static func exactQuantile(_ sorted: [Double], _ q: Double) -> Double {
    sorted[Int((q * Double(sorted.count - 1)).rounded(.down))]
  }

  static func expectWithinAccuracy(_ histogram: LogHistogram, _ samples: [Double]) {
    let sorted = samples.sorted()
    for q in [0.0, 0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0] {
      let exact = exactQuantile(sorted, q)
      let estimate = histogram.quantile(q)!
      let error = exact == 0 ? abs(estimate) : abs(estimate - exact) / abs(exact)
      #expect(error <= 0.01, "q=\(q) exact=\(exact) estimate=\(estimate)")
    }
  }

  @Test func quantile_isWithinOnePercentOfExactSamples() {
    var generator = SeededGenerator(seed: 7)
    // Log-normal-ish latencies from 0.1 ms to 60 s.
    let samples = (0..<20_000).map { _ in
      0.1 * exp(Double.random(in: 0...13.3, using: &generator))
    }
    var histogram = LogHistogram()
    for sample in samples { histogram.add(sample) }
    #expect(histogram.count == 20_000)
    #expect(histogram.min == samples.min())
    #expect(histogram.max == samples.max())
    Self.expectWithinAccuracy(histogram, samples)
  }

  @Test func merge_keepsAccuracyOfTheUnion() {
    var generator = SeededGenerator(seed: 11)
    var parts = [LogHistogram](repeating: LogHistogram(), count: 60)
    var all: [Double] = []
    for index in parts.indices {
      for _ in 0..<Int.random(in: 1...200, using: &generator) {
        let value = Double.random(in: 1...500, using: &generator) * Double(index + 1)
        parts[index].add(value)
        all.append(value)
      }
    }
    var merged = LogHistogram()
    for part in parts.shuffled(using: &generator) { merged.merge(part) }
    #expect(merged.count == UInt64(all.count))
    #expect(abs(merged.sum - all.reduce(0, +)) < 1e-6 * all.reduce(0, +))
    Self.expectWithinAccuracy(merged, all)
    var direct = LogHistogram()
    for value in all { direct.add(value) }
    #expect(direct.quantile(0.99) == merged.quantile(0.99))
    for q in [0.1, 0.5, 0.9, 0.99] {
      #expect(LogHistogram.quantile(q, merging: parts) == merged.quantile(q))
    }
  }

  @Test func quantile_handlesZeroAndNegativeValues() {
    let samples: [Double] = [-50, -10, -1, 0, 0, 0, 1, 2, 10, 100]
    var histogram = LogHistogram()
    for sample in samples { histogram.add(sample) }
    Self.expectWithinAccuracy(histogram, samples)
    #expect(histogram.quantile(0) == -50)
    #expect(histogram.quantile(0.4) == 0)
  }

  @Test func add_weightsSampledValuesAndIgnoresNonFinite() {
    var histogram = LogHistogram()
    histogram.add(10, count: 10)
    histogram.add(.nan)
    histogram.add(.infinity)
    #expect(histogram.count == 10)
    #expect(histogram.sum == 100)
    #expect(histogram.quantile(1.5) == nil)
    #expect(LogHistogram().quantile(0.5) == nil)
  }

  @Test func bucketCoder_roundTripsEveryKind() {
    var histogram = LogHistogram()
    for value in [-3.0, 0, 0.5, 7, 7, 1200] { histogram.add(value) }
    var gauge = GaugeSummary(4)
    gauge.add(9)
    let buckets: [Aggregate] = [
      .counter(12.5), .gauge(gauge), .set([1, 99, 5]), .histogram(histogram),
    ]
    for bucket in buckets {
      #expect(BucketCoder.decode(BucketCoder.encode(bucket)) == bucket)
    }
    let encoded = BucketCoder.encode(.histogram(histogram))
    #expect(BucketCoder.decode(Array(encoded.dropLast())) == nil)
    #expect(BucketCoder.decode([9]) == nil)
    #expect(BucketCoder.decode([]) == nil)
  }

  @Test func countAtOrBelow_includesSamplesEqualToTheBound() {
    var histogram = LogHistogram()
    for value in [-5.0, -1, 0, 1, 5, 10, 10.5] { histogram.add(value) }
    #expect(histogram.count(atOrBelow: 5) == 5)
    #expect(histogram.count(atOrBelow: 10) == 6)
    #expect(histogram.count(atOrBelow: 0) == 3)
    #expect(histogram.count(atOrBelow: -1) == 2)
    #expect(histogram.count(atOrBelow: -5) == 1)
    #expect(histogram.count(atOrBelow: -6) == 0)
    #expect(histogram.count(atOrBelow: .infinity) == 7)
  }
}

/// Quantiles leave the query API with four significant digits: far inside the histogram's
/// error bound, so the answer keeps what it knows and drops the noise.
@Suite struct QuantileDigitsTests {
  @Test(arguments: [123.456789, 0.000123456, 98_765.4321, 5.0, -42.4242, 9_999.6, 1.000_04])
  func quantileDigits_stayWithinTheHistogramBound(value: Double) throws {
    var writer = JSONWriter()
    writer.double(value, significantDigits: MetricsAPI.quantileDigits)
    let written = try #require(Double(writer.string))
    #expect(abs(written - value) <= abs(value) * LogHistogram.relativeAccuracy / 10)
  }
}
