import Glibc
import Testing
import Wire

@testable import LogRouter

@Suite struct LineReaderTests {
  /// Everything `bytes` reads as, with the given limit, until the end.
  static func lines(of bytes: [UInt8], maxLineLength: Int, carry: [UInt8] = []) -> [String] {
    let pipe = Pipe()
    defer { pipe.closeReadEnd() }
    // A writer of its own: more than a pipe holds would block the reading thread.
    LoopThread.detached(name: "writer") {
      pipe.write(bytes)
      pipe.closeWriteEnd()
    }
    var reader = LineReader(descriptor: pipe.readEnd, maxLineLength: maxLineLength, carry: carry)
    var lines: [String] = []
    while true {
      let step = reader.step(
        stop: { false },
        lines: { batch in
          lines += batch.map { String(decoding: $0, as: UTF8.self) }
        })
      guard case .more = step else { break }
    }
    return lines
  }

  @Test func step_splitsLinesAndKeepsAnUnterminatedLast() {
    #expect(
      Self.lines(of: Array("a\nbb\r\n\nccc".utf8), maxLineLength: 100) == ["a", "bb", "", "ccc"])
  }

  @Test func step_putsTheCarryFirst() {
    #expect(
      Self.lines(of: Array("lf\nnext\n".utf8), maxLineLength: 100, carry: Array("ha".utf8)) == [
        "half", "next",
      ])
  }

  @Test func step_cutsOverlongLinesAndSkipsTheirRest() {
    let long = String(repeating: "x", count: 200_000)
    let lines = Self.lines(of: Array("short\n\(long)\nafter\n".utf8), maxLineLength: 1000)
    #expect(lines.count == 3)
    #expect(lines.first == "short")
    #expect(lines[1].count == 1001)
    #expect(lines.last == "after")
  }

  @Test func recordBuilder_marksTruncatedLines() {
    let input = InputConfig(
      name: "stdin.0", kind: .stream(descriptor: 0), tag: "app", parser: .json, preserveKey: true,
      source: "stdout", containerName: nil, maxLineLength: 4)
    let builder = RecordBuilder(input: input, metadata: .test)
    let record = Array("abcdef".utf8).withUnsafeBufferPointer {
      builder.record(line: $0, timestamp: 1)
    }
    #expect(record["log"] == .string("abcd"))
    #expect(record["log_truncated"] == .bool(true))
    #expect(record["container_id"] == .string("t-1-swan"))
  }
}
