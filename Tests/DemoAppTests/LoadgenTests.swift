import Foundation
import Testing

@testable import DemoApp

@Suite struct LoadgenTests {
  @Test func loadMix_parsesTheStandardMix() throws {
    let mix = try LoadMix(LoadMix.standard)
    #expect(mix.entries.map(\.path) == ["/", "/unicorn", "/unicorn"])
    #expect(mix.entries.map(\.method.rawValue) == ["GET", "GET", "POST"])
    #expect(mix.entries.map(\.weight) == [1, 3, 1])
  }

  @Test(arguments: [
    "", "GET /", "GET /:0", "GET /:1001", "FETCH /:1", "GET x:1", "GET /a b:1", "GET /:1,",
    "GET /:x",
  ])
  func loadMix_refusesBadEntries(text: String) {
    #expect(throws: AppConfigurationError.self) { try LoadMix(text) }
  }

  @Test func loadMix_picksInProportionToWeights() throws {
    let mix = try LoadMix("GET /a:1,GET /b:3")
    var random = SeededRandom(seed: 11)
    let picks = (0..<4000).map { _ in mix.pick(using: &random).path }
    let b = picks.filter { $0 == "/b" }.count
    #expect((2800...3200).contains(b))
  }

  @Test func loadPacer_spacesEvenly() {
    var pacer = LoadPacer(rate: 4, start: 100)
    #expect(pacer.next(now: 100) == 100)
    #expect(pacer.next(now: 100.01) == 100.25)
    #expect(pacer.next(now: 100.26) == 100.5)
  }

  @Test func loadPacer_doesNotBurstAfterAStall() {
    var pacer = LoadPacer(rate: 10, start: 0)
    _ = pacer.next(now: 0)
    // Stalled for 2 s: one send now, then the usual spacing, not 20 at once.
    #expect(pacer.next(now: 2) == 2)
    #expect(pacer.next(now: 2) == 2.1)
    #expect(abs(pacer.next(now: 2.1) - 2.2) < 1e-9)
  }

  @Test func latencyWindow_countsErrorsAndNearestRankPercentiles() {
    var window = LatencyWindow()
    #expect(window.percentile(0.5) == 0)
    for latency in 1...100 {
      window.record(status: latency % 10 == 0 ? 503 : 200, latencyMilliseconds: Double(latency))
    }
    window.record(status: 0, latencyMilliseconds: 1000)
    #expect(window.count == 101)
    #expect(window.errors == 11)
    #expect(window.percentile(0.5) == 51)
    #expect(window.percentile(0.9) == 91)
    #expect(window.percentile(0.99) == 100)
  }

  @Test func loadgenLine_requestAndSummaryShapes() throws {
    let request = try #require(
      JSONSerialization.jsonObject(
        with: Data(
          LoadgenLine.request(
            time: 0, method: "GET", path: "/", status: 0, latencyMilliseconds: 1.23456,
            error: "refused")))
        as? [String: Any])
    #expect(request["status"] as? Int == 0)
    #expect(request["error"] as? String == "refused")
    #expect(request["latency_ms"] as? Double == 1.235)
    var window = LatencyWindow()
    window.record(status: 200, latencyMilliseconds: 5)
    let summary = try #require(
      JSONSerialization.jsonObject(
        with: Data(LoadgenLine.summary(time: 0, windowSeconds: 10, window)))
        as? [String: Any])
    #expect(summary["count"] as? Int == 1)
    #expect(summary["errors"] as? Int == 0)
    #expect(summary["p99_ms"] as? Double == 5)
  }
}
