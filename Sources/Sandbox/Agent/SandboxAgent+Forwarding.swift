import CLinux
import Glibc

extension SandboxAgent {
  /// Writes bytes read from a container's pipe to its route pipe without blocking; `false`
  /// when the route pipe had no room for all of them: the rest is kept as pending (at most
  /// one read, so the agent's memory stays bounded), `reader` is paused and the route's
  /// write end is watched for room. In the usual case (room enough) this is one `write`.
  func forward(_ bytes: UnsafeRawBufferPointer, from reader: PipeReader, to route: RoutePipe)
    -> Bool
  {
    guard route.isOpen else { return true }
    let written = write(route, bytes)
    guard written < bytes.count else { return true }
    route.pending = Array(bytes[written...])
    route.pendingStart = 0
    pause(reader, on: route)
    _ = clinux_epoll_ctl(
      epollDescriptor, CLINUX_EPOLL_CTL_ADD, route.writeDescriptor, CLINUX_EPOLLOUT, route.token)
    return false
  }

  /// Takes `reader` off epoll until `route` has room: the container then blocks on its own
  /// full pipe, which is the back-pressure the router asked for by not reading.
  func pause(_ reader: PipeReader, on route: RoutePipe) {
    guard !reader.paused else { return }
    reader.paused = true
    route.paused.append(reader)
    _ = clinux_epoll_ctl(epollDescriptor, CLINUX_EPOLL_CTL_DEL, reader.descriptor, 0, 0)
  }

  /// The route pipe has room: writes what is pending and, once all of it is through, stops
  /// watching the write end and resumes the paused readers.
  func flush(_ route: RoutePipe) {
    guard route.isBlocked else { return }
    route.pendingStart += route.pending[route.pendingStart...].withUnsafeBytes { write(route, $0) }
    guard !route.isBlocked else { return }
    route.pending.removeAll(keepingCapacity: true)
    route.pendingStart = 0
    _ = clinux_epoll_ctl(epollDescriptor, CLINUX_EPOLL_CTL_DEL, route.writeDescriptor, 0, 0)
    for reader in route.paused { resume(reader) }
    route.paused.removeAll()
  }

  /// Puts a paused reader back on epoll.
  func resume(_ reader: PipeReader) {
    guard reader.paused else { return }
    reader.paused = false
    _ = clinux_epoll_ctl(
      epollDescriptor, CLINUX_EPOLL_CTL_ADD, reader.descriptor, CLINUX_EPOLLIN, reader.token)
  }

  /// Bytes of routed output that could not be forwarded to a live sandbox's log router (a
  /// route pipe failed); 0 unless something is badly wrong, and never silent.
  public var logBytesNotForwarded: Int {
    state.withLock { state in
      state.sandboxes.values.reduce(0) { sum, runtime in
        runtime.routes.reduce(sum) { $0 + $1.failedBytes }
      }
    }
  }

  /// Writes as much of `bytes` as the pipe takes now; how much that was. A failure other than
  /// a full pipe counts the bytes in ``RoutePipe/failedBytes`` (they cannot be delivered).
  private func write(_ route: RoutePipe, _ bytes: UnsafeRawBufferPointer) -> Int {
    while true {
      let count = Glibc.write(route.writeDescriptor, bytes.baseAddress, bytes.count)
      if count >= 0 { return count }
      if errno == EINTR { continue }
      if errno == EAGAIN { return 0 }
      route.failedBytes += bytes.count
      return bytes.count
    }
  }
}
