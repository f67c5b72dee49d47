import Foundation
import Glibc
import Testing
import Wire

/// The real `sidecarlab loadgen` against a real unicorn.
@Suite(.serialized) struct LoadgenProcessTests {
  @Test func loadgen_sendsTheMixAtTheRateAndSummarizes() async throws {
    let unicorn = try await RunningApp.start("unicorn")
    defer { unicorn.stop() }
    let loadgen = try ChildProcess([
      "loadgen", "--target", unicorn.address.description, "--rate", "20", "--duration", "1",
      // Equal weights: ~20 picks all one path with odds of about 2 in a million (3:1 failed
      // about once in 300 runs).
      "--paths", "GET /unicorn:1,GET /missing:1",
    ])
    defer { loadgen.kill() }
    #expect(await loadgen.exitStatus(within: .seconds(10)) == 0)
    let lines = loadgen.jsonLines
    let requests = lines.filter { $0["summary"] == nil }
    #expect((15...25).contains(requests.count), "\(requests.count) requests")
    #expect(
      requests.allSatisfy {
        $0["latency_ms"] is Double && $0["time"] is String && $0["method"] as? String == "GET"
      })
    let statuses = Set(requests.compactMap { $0["status"] as? Int })
    #expect(statuses == [200, 404])
    let summary = try #require(lines.last { $0["summary"] as? Bool == true })
    #expect(summary["count"] as? Int == requests.count)
    #expect(summary["errors"] as? Int == requests.filter { $0["status"] as? Int == 404 }.count)
    #expect(
      summary["p50_ms"] is Double && summary["p90_ms"] is Double && summary["p99_ms"] is Double)
  }

  @Test func loadgen_reportsConnectionErrorsAsStatusZero() async throws {
    let loadgen = try ChildProcess([
      "loadgen", "--target", "127.0.0.1:1", "--rate", "10", "--duration", "0.35",
    ])
    defer { loadgen.kill() }
    #expect(await loadgen.exitStatus(within: .seconds(10)) == 0)
    let failed = loadgen.jsonLines.filter { $0["summary"] == nil }
    #expect(!failed.isEmpty)
    #expect(failed.allSatisfy { $0["status"] as? Int == 0 && $0["error"] is String })
  }

  @Test func loadgen_endsCleanlyOnSIGTERM() async throws {
    let unicorn = try await RunningApp.start("unicorn")
    defer { unicorn.stop() }
    let loadgen = try ChildProcess([
      "loadgen", "--target", unicorn.address.description, "--rate", "50",
    ])
    defer { loadgen.kill() }
    #expect(await eventually { !loadgen.jsonLines.isEmpty })
    kill(loadgen.pid, SIGTERM)
    #expect(await loadgen.exitStatus(within: .seconds(5)) == 0)
    #expect(loadgen.jsonLines.last?["summary"] as? Bool == true)
  }

  @Test func loadgen_refusesBadOptions() async throws {
    for arguments in [
      ["--rate", "5"], ["--target", "127.0.0.1:1", "--rate", "0"],
      ["--target", "127.0.0.1:1", "--paths", "GET /:0"],
    ] {
      let loadgen = try ChildProcess(["loadgen"] + arguments)
      defer { loadgen.kill() }
      #expect(await loadgen.exitStatus(within: .seconds(5)) == 2)
    }
  }
}
