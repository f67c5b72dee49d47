import CLinux
import Glibc

/// One client TCP connection: a non-blocking descriptor used in blocking style, each wait
/// bounded by a deadline through `poll()`. Owned by one request at a time, or by the pool
/// while idle; whoever holds it closes it.
struct HTTPClientConnection: Sendable {
  let descriptor: Int32

  /// Connects to `address`, waiting at most `timeout`.
  static func open(to address: SocketAddress, timeout: Duration) throws(HTTPClientError)
    -> HTTPClientConnection
  {
    let deadline = ContinuousClock.now + timeout
    let started: (descriptor: Int32, connected: Bool)
    do {
      started = try Socket.connect(to: address)
    } catch {
      throw .connectionFailed(error)
    }
    let connection = HTTPClientConnection(descriptor: started.descriptor)
    if started.connected { return connection }
    guard connection.wait(for: Int16(POLLOUT), until: deadline) else {
      connection.close()
      throw .connectTimeout
    }
    let code = Socket.pendingError(connection.descriptor)
    guard code == 0 else {
      connection.close()
      throw .connectionFailed(SystemCallError("connect", errno: code))
    }
    return connection
  }

  /// Writes all of `bytes`, or throws ``HTTPClientError/responseTimeout`` at `deadline`.
  func write(_ bytes: [UInt8], until deadline: ContinuousClock.Instant) throws(HTTPClientError) {
    var offset = 0
    while offset < bytes.count {
      let outcome = bytes.withUnsafeBytes { buffer in
        Result { () throws(SystemCallError) -> Int? in
          try nonBlockingCall("send") {
            Glibc.send(
              descriptor, buffer.baseAddress! + offset, buffer.count - offset, CLINUX_MSG_NOSIGNAL)
          }
        }
      }
      switch outcome {
      case .success(let written?): offset += written
      case .success(nil):
        guard wait(for: Int16(POLLOUT), until: deadline) else { throw .responseTimeout }
      case .failure(let error): throw .connectionFailed(error)
      }
    }
  }

  /// Reads what is available (waiting for at least one byte) and appends it to `buffer`.
  /// - Returns: the number of bytes read; 0 when the peer closed its side.
  func read(into buffer: inout [UInt8], until deadline: ContinuousClock.Instant)
    throws(HTTPClientError) -> Int
  {
    while true {
      let outcome = withUnsafeTemporaryAllocation(byteCount: 16 * 1024, alignment: 1) { scratch in
        Result { () throws(SystemCallError) -> Int? in
          let received = try nonBlockingCall("recv") {
            Glibc.recv(descriptor, scratch.baseAddress!, scratch.count, 0)
          }
          if let received {
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[..<received]))
          }
          return received
        }
      }
      switch outcome {
      case .success(let received?): return received
      case .success(nil):
        guard wait(for: Int16(POLLIN), until: deadline) else { throw .responseTimeout }
      case .failure(let error): throw .connectionFailed(error)
      }
    }
  }

  /// Whether an idle connection is still usable: nothing to read (no EOF, no stray bytes) and
  /// no error pending. A peer that closed while we kept the connection fails this check.
  var isReusable: Bool {
    var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    return poll(&entry, 1, 0) == 0
  }

  func close() {
    _ = Glibc.close(descriptor)
  }

  /// Waits until `events` are ready on the descriptor (or it failed, which the next call
  /// reports); `false` when `deadline` passed first.
  private func wait(for events: Int16, until deadline: ContinuousClock.Instant) -> Bool {
    var entry = pollfd(fd: descriptor, events: events, revents: 0)
    while true {
      let remaining = deadline - ContinuousClock.now
      if remaining <= .zero { return false }
      let (seconds, attoseconds) = remaining.components
      let milliseconds = min(
        seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000,
        Int64(Int32.max))
      let result = poll(&entry, 1, Int32(milliseconds))
      if result > 0 { return true }
      if result < 0 && errno != EINTR { return true }
    }
  }
}
