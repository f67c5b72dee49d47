import Foundation
import Glibc
import Synchronization
import Wire

@testable import Web

/// A temporary folder `base/` holding the served root `base/public/` and a file outside it
/// (`base/Package.swift`), with a ``StaticFiles`` on a manual clock and the router it sits in.
/// Everything is removed on deinit.
final class StaticFilesFixture: Sendable {
  /// A monotonic clock that moves only when a test says so.
  final class Clock: Sendable {
    private let nanoseconds = Mutex<UInt64>(1)
    var now: UInt64 { nanoseconds.withLock { $0 } }
    func advance(seconds: UInt64) { nanoseconds.withLock { $0 += seconds * 1_000_000_000 } }
  }

  let base: String
  let root: String
  let clock = Clock()
  let files: StaticFiles
  let router: Router

  init() {
    let template = NSTemporaryDirectory() + "/static-files-XXXXXX"
    var bytes = Array(template.utf8CString)
    let made = mkdtemp(&bytes)
    precondition(made != nil, "mkdtemp failed")
    base = String(cString: made!)
    root = base + "/public"
    try! FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    try! Data("outside".utf8).write(to: URL(fileURLWithPath: base + "/Package.swift"))
    files = StaticFiles(
      root: root, revalidationInterval: 1_000_000_000, clock: { [clock] in clock.now })
    router = Router([files.route(prefix: "/static")])
  }

  deinit { try? FileManager.default.removeItem(atPath: base) }

  /// Writes `contents` to `name` below the root and sets its mtime to `modified` (epoch seconds).
  func write(_ name: String, _ contents: String, modified: Int = 1_700_000_000) {
    let path = root + "/" + name
    try! FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try! Data(contents.utf8).write(to: URL(fileURLWithPath: path))
    setModified(name, to: modified)
  }

  /// Sets a file's access and modification times explicitly, so a change is visible to `stat`
  /// however fast the test runs.
  func setModified(_ name: String, to seconds: Int) {
    let times = [timeval(tv_sec: seconds, tv_usec: 0), timeval(tv_sec: seconds, tv_usec: 0)]
    precondition(utimes(root + "/" + name, times) == 0, "utimes failed")
  }

  func symlink(_ name: String, to target: String) {
    try! FileManager.default.createSymbolicLink(
      atPath: root + "/" + name, withDestinationPath: target)
  }

  /// A GET (or other method) routed the way the server routes it, answered by `respond(to:)`.
  func request(_ target: String, method: HTTPMethod = .get, headers: HTTPHeaders = [:])
    -> HTTPResponse
  {
    let head = HTTPRequestHead(method: method, target: target, headers: headers)
    guard case .found(_, let parameters) = router.match(method: method, path: head.path) else {
      return HTTPResponse(status: .notFound)
    }
    return files.respond(to: HTTPRequest(head: head, pathParameters: parameters))
  }

  /// The body of a static-file response as text (they are never streams).
  func text(_ response: HTTPResponse) -> String? {
    guard case .bytes(let bytes) = response.body else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }
}
