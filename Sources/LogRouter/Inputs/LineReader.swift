import Glibc
import Wire

/// Reads newline-terminated lines from a descriptor in large reads and hands them over a
/// batch (one read's worth) at a time, without copying complete lines. A line longer than
/// `maxLineLength` is handed over cut at that length and the rest of it is skipped.
/// Between reads it polls with a short timeout, so `stop()` is seen within ~100 ms.
struct LineReader {
  let descriptor: Int32
  let maxLineLength: Int
  private var buffer: [UInt8]
  private var filled = 0
  private var skipping = false
  /// Bytes asked for per read: one pipe's worth, so a batch stays small in memory.
  static let readSize = 64 * 1024

  /// - Parameter carry: bytes to put in front of what is read (an unfinished line kept by a
  ///   previous run).
  init(descriptor: Int32, maxLineLength: Int, carry: [UInt8] = []) {
    self.descriptor = descriptor
    self.maxLineLength = maxLineLength
    buffer = [UInt8](repeating: 0, count: max(Self.readSize, carry.count * 2))
    buffer.replaceSubrange(0..<carry.count, with: carry)
    filled = carry.count
  }

  enum Step {
    /// Lines were handed to the closure (possibly none yet).
    case more
    /// The peer closed its end: what was left unterminated has been handed over as a line.
    case end
    /// `stop()` said so; `remainder` is the unfinished line.
    case stopped(remainder: [UInt8])
    case failed(SystemCallError)
  }

  /// Reads once (after waiting up to 100 ms for data) and calls `lines` with every complete
  /// line; returns what happened.
  mutating func step(
    stop: () -> Bool, lines: (_ lines: [UnsafeBufferPointer<UInt8>]) -> Void
  ) -> Step {
    if stop() { return .stopped(remainder: Array(buffer[0..<filled])) }
    var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    let ready = poll(&poller, 1, 100)
    if ready < 0 {
      return errno == EINTR ? .more : .failed(SystemCallError("poll", errno: errno))
    }
    if ready == 0 { return .more }
    if filled == buffer.count {
      buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
    }
    let count = buffer.withUnsafeMutableBytes { raw in
      read(descriptor, raw.baseAddress! + filled, min(Self.readSize, raw.count - filled))
    }
    if count < 0 {
      if errno == EINTR || errno == EAGAIN { return .more }
      return .failed(SystemCallError("read", errno: errno))
    }
    if count == 0 {
      if filled > 0 && !skipping {
        buffer.withUnsafeBufferPointer { lines([UnsafeBufferPointer(rebasing: $0[0..<filled])]) }
      }
      filled = 0
      return .end
    }
    let scanFrom = filled
    filled += count
    split(scanFrom: scanFrom, lines: lines)
    return .more
  }

  private mutating func split(
    scanFrom: Int, lines: ([UnsafeBufferPointer<UInt8>]) -> Void
  ) {
    var consumed = 0
    buffer.withUnsafeBufferPointer { bytes in
      var found: [UnsafeBufferPointer<UInt8>] = []
      var start = 0
      var position = scanFrom
      let base = bytes.baseAddress!
      while position < filled {
        guard let hit = memchr(base + position, 0x0A, filled - position) else { break }
        let end = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
        if skipping {
          skipping = false
        } else {
          var lineEnd = end
          if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
          found.append(UnsafeBufferPointer(rebasing: bytes[start..<lineEnd]))
        }
        start = end + 1
        position = start
      }
      // An unfinished line that is already too long: hand over its first part, skip the rest.
      if filled - start > maxLineLength {
        if !skipping {
          found.append(UnsafeBufferPointer(rebasing: bytes[start..<(start + maxLineLength + 1)]))
        }
        skipping = true
        start = filled
      }
      if !found.isEmpty { lines(found) }
      consumed = start
    }
    if consumed > 0 {
      buffer.withUnsafeMutableBytes { raw in
        _ = memmove(raw.baseAddress!, raw.baseAddress! + consumed, filled - consumed)
      }
      filled -= consumed
    }
  }
}
