import CLinux
import Glibc

extension SandboxAgent {
  /// Reads what a pipe holds (at most 256 KiB a turn, so one chatty process cannot starve
  /// the loop; epoll is level-triggered and comes back for the rest), cuts it into lines for
  /// the log sink, and closes the pipe at end of stream. Output that arrives after the
  /// process exited (from its group, before the kill) still lands in its container's log.
  func drain(
    _ reader: PipeReader, of process: SupervisedProcess, in runtime: SandboxRuntime,
    state: inout AgentState
  ) {
    guard process.readers.contains(where: { $0 === reader }) else { return }
    var lines: [(String, Bool)] = []
    var ended = false
    for _ in 0..<4 {
      let count = state.readBuffer.withUnsafeMutableBytes {
        read(reader.descriptor, $0.baseAddress, $0.count)
      }
      if count > 0 {
        state.readBuffer.withUnsafeBytes { bytes in
          reader.splitter.feed(UnsafeRawBufferPointer(rebasing: bytes[..<count])) {
            lines.append(($0, $1))
          }
        }
        if count < state.readBuffer.count { break }
      } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
        reader.splitter.finish { lines.append(($0, $1)) }
        ended = true
        break
      } else {
        break
      }
    }
    let time = AgentClock.wallMillis()
    for (text, continues) in lines {
      if reader.stream == .stderr { process.rememberError(text) }
      configuration.logSink.append(
        LogLine(stream: reader.stream, text: text, continues: continues, timeMillis: time),
        sandboxID: runtime.id,
        container: process.definition.name)
    }
    if ended {
      _ = clinux_epoll_ctl(epollDescriptor, CLINUX_EPOLL_CTL_DEL, reader.descriptor, 0, 0)
      close(reader.descriptor)
      state.watches[reader.token] = nil
      process.readers.removeAll { $0 === reader }
    }
  }
}
