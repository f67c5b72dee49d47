/// The read end of one process's stdout or stderr pipe, with its line splitter.
final class PipeReader {
  let descriptor: Int32
  let stream: LogLine.Stream
  let token: UInt64
  var splitter = LineSplitter()

  init(descriptor: Int32, stream: LogLine.Stream, token: UInt64) {
    self.descriptor = descriptor
    self.stream = stream
    self.token = token
  }
}
