import Glibc
import Mesh
import Testing
import Wire

/// Bodies stream through without being held whole: 100 MB up and back costs the proxy a
/// bounded amount of memory (RSS growth well under the body size).
@Suite(.serialized) struct ProxyStreamingTests {
  @Test func hundredMegabyteUpload_streamsWithBoundedMemory() throws {
    let size = 100 * 1024 * 1024
    let sink = try CountingUpstream()
    let harness = try ProxyHarness(upstream: sink.address)
    defer {
      harness.stop()
      sink.stop()
    }
    let before = Self.residentBytes()
    let client = try harness.client()
    try client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: \(size)\r\n\r\n")
    let block = [UInt8](repeating: 0x61, count: 1024 * 1024)
    for _ in 0..<100 { try client.send(block, timeout: .seconds(30)) }
    let response = try client.response(timeout: .seconds(30))
    #expect(response.text == "\(size)")
    let growth = Self.residentBytes() - before
    #expect(growth < 32 * 1024 * 1024, "RSS grew by \(growth) bytes")
  }

  /// This process's resident set size (`/proc/self/statm`, second field, in pages).
  static func residentBytes() -> Int {
    guard let file = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(file) }
    var size = 0
    var resident = 0
    guard
      withUnsafeMutablePointer(
        to: &size,
        { s in
          withUnsafeMutablePointer(to: &resident) { r in
            withVaList([s, r]) { vfscanf(file, "%ld %ld", $0) }
          }
        }) == 2
    else { return 0 }
    return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
  }
}
