import Glibc

/// One "route pipe": the pipe that carries one stream (stdout or stderr) of one `awsfirelens`
/// container to the task's log router. It lives as long as the sandbox runtime, not per
/// spawn: the agent keeps both ends, writes (non-blocking) what it reads from the container's
/// own pipe, and the router inherits a copy of the read end — so when the router restarts,
/// whatever was in the pipe waits for the next one.
///
/// When the pipe is full the unwritten bytes (at most one read) wait in ``pending``, the
/// readers feeding it are paused (taken off epoll, so the container blocks on its own full
/// pipe) and the write end is watched for `EPOLLOUT` under ``token`` until it drains.
/// Lives inside the agent's state mutex.
final class RoutePipe {
  let container: String
  let stream: LogLine.Stream
  /// The router's parser for these lines (`logConfiguration.options.Parser`), if any.
  let parser: String?
  /// The agent's read end: handed to the router as an inherited descriptor; -1 once closed.
  private(set) var readDescriptor: Int32
  /// The agent's write end, non-blocking; -1 once closed (the router then reads to the end).
  private(set) var writeDescriptor: Int32
  /// The epoll token of the write end while it is watched for `EPOLLOUT`.
  let token: UInt64
  /// Bytes read from the container that the pipe had no room for, from ``pendingStart`` on.
  var pending: [UInt8] = []
  var pendingStart = 0
  /// Readers taken off epoll until ``pending`` is written.
  var paused: [PipeReader] = []
  /// Bytes that could not be forwarded because the pipe failed (never expected: the agent
  /// keeps the read end open, so a write cannot meet a closed pipe).
  var failedBytes = 0

  init(
    container: String, stream: LogLine.Stream, parser: String?, readDescriptor: Int32,
    writeDescriptor: Int32, token: UInt64
  ) {
    self.container = container
    self.stream = stream
    self.parser = parser
    self.readDescriptor = readDescriptor
    self.writeDescriptor = writeDescriptor
    self.token = token
  }

  /// Whether bytes can still be forwarded.
  var isOpen: Bool { writeDescriptor >= 0 }
  /// Whether bytes are waiting for room (the feeding readers are paused).
  var isBlocked: Bool { pendingStart < pending.count }

  /// Closes the write end: once the router has read what the pipe holds, it reads end of file.
  func closeWriteEnd() {
    guard writeDescriptor >= 0 else { return }
    Glibc.close(writeDescriptor)
    writeDescriptor = -1
    pending.removeAll()
    pendingStart = 0
  }

  /// Closes both ends; what the pipe held is gone.
  func close() {
    closeWriteEnd()
    guard readDescriptor >= 0 else { return }
    Glibc.close(readDescriptor)
    readDescriptor = -1
  }
}
