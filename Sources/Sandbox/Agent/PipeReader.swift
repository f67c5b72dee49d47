/// The read end of one process's stdout or stderr pipe, with its line splitter and, for an
/// `awsfirelens` container, the route pipe its bytes are forwarded to.
final class PipeReader {
  let descriptor: Int32
  let stream: LogLine.Stream
  let token: UInt64
  var splitter = LineSplitter()
  var route: RoutePipe?
  /// Off epoll while ``route`` is full (back-pressure).
  var paused = false

  init(descriptor: Int32, stream: LogLine.Stream, token: UInt64, route: RoutePipe?) {
    self.descriptor = descriptor
    self.stream = stream
    self.token = token
    self.route = route
  }
}
