import Glibc
import Testing

@testable import Web

@Suite struct StaticFilesCacheTests {
  static func entry(size: Int, checkedAt: UInt64) -> StaticFileEntry {
    var status = stat()
    status.st_mode = S_IFREG
    status.st_size = size
    return StaticFileEntry(
      identity: StaticFileIdentity(status)!, body: [UInt8](repeating: 0, count: size),
      contentType: "text/plain", checkedAt: checkedAt)
  }

  @Test func insert_staysWithinTotalBound() {
    var cache = StaticFileCache(maxFileBytes: 1000, maxTotalBytes: 4000)
    for index in 0..<20 {
      cache.insert(Self.entry(size: 900, checkedAt: UInt64(index)), for: "f\(index)")
      #expect(cache.totalCost <= cache.maxTotalBytes)
    }
    #expect(cache["f19"] != nil)
    #expect(cache["f0"] == nil)
  }

  @Test func insert_evictsLeastRecentlyChecked() {
    var cache = StaticFileCache(maxFileBytes: 1000, maxTotalBytes: 3000)
    cache.insert(Self.entry(size: 800, checkedAt: 1), for: "old")
    cache.insert(Self.entry(size: 800, checkedAt: 2), for: "young")
    cache["old"]?.markChecked(at: 10)
    cache.insert(Self.entry(size: 800, checkedAt: 11), for: "new")
    #expect(cache["young"] == nil)
    #expect(cache["old"] != nil && cache["new"] != nil)
  }

  @Test func insert_skipsOversizedFile() {
    var cache = StaticFileCache(maxFileBytes: 1000, maxTotalBytes: 4000)
    cache.insert(Self.entry(size: 1001, checkedAt: 1), for: "big")
    #expect(cache["big"] == nil)
    #expect(cache.totalCost == 0)
  }

  @Test func insert_replacingPathKeepsCostExact() {
    var cache = StaticFileCache(maxFileBytes: 1000, maxTotalBytes: 4000)
    cache.insert(Self.entry(size: 100, checkedAt: 1), for: "a")
    cache.insert(Self.entry(size: 300, checkedAt: 2), for: "a")
    #expect(cache.totalCost == 300 + 512)
    cache.remove("a")
    #expect(cache.totalCost == 0)
  }
}
