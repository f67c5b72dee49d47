import CLinux
import Glibc

extension SandboxAgent {
  /// Reads what a pipe holds (at most 256 KiB a turn, so one chatty process cannot starve
  /// the loop; epoll is level-triggered and comes back for the rest), cuts it into lines for
  /// the log sink, forwards the bytes to the container's route pipe when it has one, and
  /// closes the pipe at end of stream. Output that arrives after the process exited (from its
  /// group, before the kill) still lands in its container's log. A paused reader (its route
  /// pipe is full) reads nothing until ``flush(_:)`` resumes it.
  func drain(
    _ reader: PipeReader, of process: SupervisedProcess, in runtime: SandboxRuntime,
    state: inout AgentState
  ) {
    guard !reader.paused, process.readers.contains(where: { $0 === reader }) else { return }
    if let route = reader.route, route.isBlocked {
      // Another run of the container (an exiting one and its replacement) feeds the same
      // route: wait behind the pending bytes rather than overtake them.
      pause(reader, on: route)
      return
    }
    var lines: [(String, Bool)] = []
    var ended = false
    for _ in 0..<4 {
      let count = state.readBuffer.withUnsafeMutableBytes {
        read(reader.descriptor, $0.baseAddress, $0.count)
      }
      if count > 0 {
        var forwarded = true
        state.readBuffer.withUnsafeBytes { buffer in
          let bytes = UnsafeRawBufferPointer(rebasing: buffer[..<count])
          reader.splitter.feed(bytes) { lines.append(($0, $1)) }
          if let route = reader.route {
            forwarded = forward(bytes, from: reader, to: route)
          }
        }
        if !forwarded || count < state.readBuffer.count { break }
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
      if runtime.stopping { stopRouterIfLast(runtime) }
    }
  }
}
