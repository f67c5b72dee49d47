import Synchronization
import Wire

/// One file ready to send: its body and every header already formatted, so answering from
/// the cache costs one reference count and no formatting or system call. Immutable apart
/// from the time it was last compared with the disk.
final class StaticFileEntry: Sendable {
  let identity: StaticFileIdentity
  let body: [UInt8]
  let entityTag: String
  let modifiedSeconds: Int
  /// Headers of a 200: Content-Type, ETag, Last-Modified, Cache-Control, serialized once.
  let fullHeaders: PreparedHeaders
  /// Headers of a 304: only ETag and Cache-Control (RFC 9110 §15.4.5).
  let notModifiedHeaders: PreparedHeaders
  private let lastChecked: Atomic<UInt64>

  /// Shared responses may be reused for five minutes (RFC 9111 §5.2.2.1).
  static let cacheControl = "public, max-age=300"

  init(identity: StaticFileIdentity, body: [UInt8], contentType: String, checkedAt: UInt64) {
    self.identity = identity
    self.body = body
    lastChecked = Atomic(checkedAt)
    entityTag = identity.entityTag
    modifiedSeconds = identity.modifiedSeconds
    notModifiedHeaders = PreparedHeaders(["ETag": entityTag, "Cache-Control": Self.cacheControl])
    fullHeaders = PreparedHeaders([
      "Content-Type": contentType, "ETag": entityTag,
      "Last-Modified": HTTPDate.format(modifiedSeconds), "Cache-Control": Self.cacheControl,
    ])
  }

  /// When the identity was last compared with the disk (monotonic nanoseconds).
  var checkedAt: UInt64 { lastChecked.load(ordering: .relaxed) }

  /// Records that the file was found unchanged at `now`.
  func markChecked(at now: UInt64) { lastChecked.store(now, ordering: .relaxed) }

  /// What the cache charges for this entry: the body plus a fixed allowance for the headers
  /// and bookkeeping, so that even empty files count against the bound.
  var cost: Int { body.count + 512 }
}
