import Glibc
import Synchronization
import Testing
import Wire

@testable import LogRouter

/// The `sidecarlab logrouter` binary killed (SIGTERM) and restarted mid-stream with a
/// filesystem buffer: every line still arrives exactly once.
@Suite struct RouterProcessTests {
  @Test func restart_withFilesystemBufferLosesNothing() async throws {
    let binary = try #require(ChildProcess.binary(), "build sidecarlab or set SIDECARLAB_BIN")
    let total = 100_000
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let sink = try LogSink()
    defer { sink.stop() }
    sink.mode = .slow(milliseconds: 10)
    let config = folder.write(
      "router.conf",
      """
      [SERVICE]
          Flush          0.05
          Mem_Buf_Limit  512K
          Chunk_Size     32K
          storage.path   \(folder.path)/buffer
          scheduler.base 0.01
          scheduler.cap  0.05
      [INPUT]
          Name  stdin
          Tag   app
      [OUTPUT]
          Name  http
          Match *
          Port  \(sink.server.address.port)
          URI   /logs
          Retry_Limit no_limits
      """)
    let pipe = Pipe()
    defer { pipe.closeReadEnd() }
    let produced = Atomic<Bool>(false)
    LoopThread.detached(name: "producer") {
      var batch: [UInt8] = []
      for number in 0..<total {
        batch.append(contentsOf: "line \(number)\n".utf8)
        // Odd sizes, so a stop usually falls inside a line.
        if batch.count > 3001 || number == total - 1 {
          guard pipe.write(batch) else { return }
          batch.removeAll(keepingCapacity: true)
        }
      }
      pipe.closeWriteEnd()
      produced.store(true, ordering: .releasing)
    }
    let arguments = [
      binary, "logrouter", "--config", config, "--task", "t-9", "--container", "swan",
    ]
    let first = try ChildProcess(
      arguments, stdin: pipe.readEnd, stderrPath: "\(folder.path)/first.err")
    #expect(await eventually(within: 60) { sink.lines >= 5_000 })
    sink.mode = .failing
    #expect(await eventually(within: 30) { sink.refused >= 5 })
    first.signal(SIGTERM)
    var status: Int32?
    #expect(
      await eventually(within: 30) {
        status = first.exitStatus()
        return status != nil
      })
    if status == nil {
      first.signal(SIGKILL)
      _ = await eventually(within: 10) { first.exitStatus() != nil }
    }
    #expect(status == 0)
    #expect(!folder.files(in: "buffer/http.0").isEmpty, "undelivered chunks stay on disk")

    sink.mode = .ok
    let second = try ChildProcess(
      arguments, stdin: pipe.readEnd, stderrPath: "\(folder.path)/second.err")
    #expect(await eventually(within: 120) { produced.load(ordering: .acquiring) })
    var secondStatus: Int32?
    #expect(
      await eventually(within: 60) {
        secondStatus = second.exitStatus()
        return secondStatus != nil
      })
    if secondStatus == nil {
      second.signal(SIGKILL)
      _ = await eventually(within: 10) { second.exitStatus() != nil }
    }
    #expect(secondStatus == 0)
    #expect(String(decoding: folder.read("second.err"), as: UTF8.self).contains("replaying"))
    let counts = sink.counts
    #expect(counts.count == total, "\(String(decoding: folder.read("second.err"), as: UTF8.self))")
    #expect(counts.values.allSatisfy { $0 == 1 })
    #expect(folder.files(in: "buffer/http.0").isEmpty)
  }
}
