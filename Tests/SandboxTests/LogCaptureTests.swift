import Testing

@testable import Sandbox

@Suite struct LogCaptureTests {
  private func split(_ chunks: [[UInt8]]) -> [(String, Bool)] {
    var splitter = LineSplitter()
    var lines: [(String, Bool)] = []
    for chunk in chunks {
      chunk.withUnsafeBytes { splitter.feed($0) { lines.append(($0, $1)) } }
    }
    splitter.finish { lines.append(($0, $1)) }
    return lines
  }

  @Test func lineSplitter_joinsChunksAndDropsCarriageReturn() {
    let lines = split([Array("ab".utf8), Array("c\r\nd\n\ne".utf8)])
    #expect(lines.map(\.0) == ["abc", "d", "", "e"])
    #expect(lines.allSatisfy { !$0.1 })
  }

  @Test func lineSplitter_longLineIsSplitAndMarked() {
    let lines = split([[UInt8](repeating: 0x61, count: 40_000) + [0x0A]])
    #expect(lines.map(\.0.utf8.count) == [16_384, 16_384, 7_232])
    #expect(lines.map(\.1) == [true, true, false])
  }

  @Test func ringLogSink_evictsOldestAndCounts() {
    let sink = RingLogSink(capacity: 3)
    for index in 0..<5 {
      sink.append(
        LogLine(stream: .stdout, text: "\(index)", timeMillis: 0), sandboxID: "s", container: "c")
    }
    #expect(sink.recent(sandboxID: "s", container: "c", limit: 10).map(\.text) == ["2", "3", "4"])
    #expect(sink.recent(sandboxID: "s", container: "c", limit: 2).map(\.text) == ["3", "4"])
    #expect(sink.evicted(sandboxID: "s", container: "c") == 2)
    sink.remove(sandboxID: "s")
    #expect(sink.recent(sandboxID: "s", container: "c", limit: 10).isEmpty)
  }

  @Test func procStat_parsesAfterTheLastParenthesis() {
    let line =
      "42 (a (b) c) S 1 42 42 0 -1 4194560 100 0 0 0 7 3 0 0 20 0 1 0 12345 1048576 25 18446744073709551615"
    let stat = ProcStat.parse(Array(line.utf8)[...])
    #expect(
      stat
        == ProcStat(
          state: UInt8(ascii: "S"), processGroup: 42, cpuTicks: 10, startTicks: 12345,
          virtualBytes: 1_048_576, residentPages: 25))
    #expect(ProcStat.parse(Array("garbage".utf8)[...]) == nil)
  }

  @Test func exitRecord_reasonForMemoryAndSignals() {
    let limits = ResourceLimits(addressSpaceMB: 200)
    let memory = ExitRecord.describe(
      code: nil, signal: 9, limits: limits, lastVirtualBytes: 195 << 20, stderrTail: [], cause: nil,
      timeMillis: 0)
    #expect(
      memory.reason
        == "exit 137: killed by SIGKILL after exceeding the memory limit (200 MB address space)")
    let plain = ExitRecord.describe(
      code: nil, signal: 9, limits: limits, lastVirtualBytes: 10 << 20, stderrTail: [], cause: nil,
      timeMillis: 0)
    #expect(plain.reason == "exit 137: killed by SIGKILL")
    let allocation = ExitRecord.describe(
      code: 1, signal: nil, limits: limits, lastVirtualBytes: 0,
      stderrTail: ["Traceback", "MemoryError"], cause: nil,
      timeMillis: 0)
    #expect(allocation.reason.contains("allocation failed under the memory limit"))
    let swiftRuntime = ExitRecord.describe(
      code: nil, signal: 6, limits: limits, lastVirtualBytes: 0,
      stderrTail: ["Could not allocate memory."], cause: nil, timeMillis: 0)
    #expect(
      swiftRuntime.reason
        == "exit 134: killed by SIGABRT after exceeding the memory limit (200 MB address space)")
  }
}
