import Glibc
import Synchronization
import Wire

/// Serves the files of one folder (the `--public` folder) under a URL prefix, from memory.
///
/// Files up to 1 MiB are kept in a bounded cache (32 MiB in all) with their response headers
/// preformatted; a cached entry is compared with the file's `stat` (device, inode, size, mtime)
/// at most once per second, lazily, when it is asked for. Larger files are read per request;
/// files over ``maxServedBytes`` are not served (404). Directories are never listed (404).
/// See ``StaticPath`` for which request paths are refused and with what status.
public final class StaticFiles: Sendable {
  /// Largest file served at all; anything bigger answers 404.
  static let maxServedBytes = 64 << 20

  /// The root folder's real path (symlinks resolved) ending in `/`, or `nil` when it does not
  /// exist; every file served has a real path starting with it.
  let rootPrefix: String?
  private let cache = Mutex(StaticFileCache())
  private let revalidationInterval: UInt64
  private let clock: @Sendable () -> UInt64

  /// - Parameter root: the folder to serve; resolved once, here.
  public convenience init(root: String) {
    self.init(
      root: root, revalidationInterval: 1_000_000_000, clock: StaticFiles.coarseMonotonicNanoseconds
    )
  }

  /// - Parameters:
  ///   - revalidationInterval: nanoseconds during which a cached entry is trusted without a `stat`.
  ///   - clock: monotonic time in nanoseconds (tests pass a fake one).
  init(root: String, revalidationInterval: UInt64, clock: @escaping @Sendable () -> UInt64) {
    rootPrefix = Self.realPath(root).map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    self.revalidationInterval = revalidationInterval
    self.clock = clock
  }

  /// A `GET` route for `prefix/*`; the router also sends `HEAD` here and the server drops the body.
  /// Inline: a hit is answered from memory on the event loop.
  public func route(prefix: String) -> Route {
    Route(.get, "\(prefix)/*", .inline { [self] request in respond(to: request) })
  }

  /// Answers a request whose `*` path parameter names the file (still percent-encoded).
  func respond(to request: HTTPRequest) -> HTTPResponse {
    let path: StaticPath
    do {
      path = try StaticPath(encoded: Substring(request.pathParameters["*"] ?? ""))
    } catch {
      return Self.errorResponse(error)
    }
    let now = clock()
    let cached = cache.withLock { $0[path.relative] }
    if let cached, now &- cached.checkedAt < revalidationInterval {
      return cached.response(to: request)
    }
    guard let entry = loadEntry(path, replacing: cached, now: now) else {
      cache.withLock { $0.remove(path.relative) }
      return Self.errorResponse(HTTPError(.notFound, "not found"))
    }
    return entry.response(to: request)
  }

  /// Brings the entry for `path` up to date with the disk: keeps `cached` when the file's
  /// identity is unchanged, otherwise reads the file again (and caches it when small enough).
  private func loadEntry(_ path: StaticPath, replacing cached: StaticFileEntry?, now: UInt64)
    -> StaticFileEntry?
  {
    guard let resolved = resolve(path) else { return nil }
    if let cached, identity(of: resolved) == cached.identity {
      cached.markChecked(at: now)
      return cached
    }
    guard let (identity, body) = read(resolved) else { return nil }
    let entry = StaticFileEntry(
      identity: identity, body: body, contentType: path.contentType, checkedAt: now)
    cache.withLock { $0.insert(entry, for: path.relative) }
    return entry
  }

  private static func errorResponse(_ error: HTTPError) -> HTTPResponse {
    HTTPResponse(
      status: error.status, contentType: "text/plain; charset=utf-8", text: error.message + "\n")
  }

  /// `CLOCK_MONOTONIC_COARSE`: read from the vDSO without a system call, a few ms of resolution,
  /// ample for a one-second revalidation interval.
  @Sendable static func coarseMonotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC_COARSE, &spec)
    return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
  }
}
