import CLinux
import Glibc
import Synchronization
import Wire

/// Fluent Bit's `tcp` input with `Format json`: each connection sends JSON objects, one per
/// line; a line that is not a JSON object is kept whole under `log`. Reading pauses while
/// the pipeline has no room (TCP flow control then slows the sender).
final class TCPInput: Sendable {
  static let maxConnections = 64

  let name: String
  let address: SocketAddress
  private let listener: Int32
  private let builder: RecordBuilder
  private let pipeline: Pipeline
  private let counters: PluginCounters
  private let control: RouterControl
  /// Connections being served now.
  private let active = Mutex(0)

  init(
    name: String, address: SocketAddress, builder: RecordBuilder, pipeline: Pipeline,
    counters: PluginCounters, control: RouterControl
  ) throws(SystemCallError) {
    listener = try Socket.listen(on: address)
    self.address = try SocketAddress.local(of: listener)
    self.name = name
    self.builder = builder
    self.pipeline = pipeline
    self.counters = counters
    self.control = control
  }

  /// Accepts until the router stops, then waits for its connections to end.
  func run() {
    var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
    while !control.isStopping {
      guard poll(&poller, 1, 100) > 0 else { continue }
      let descriptor = clinux_accept4(listener)
      guard descriptor >= 0 else { continue }
      let admitted = active.withLock { count -> Bool in
        guard count < Self.maxConnections else { return false }
        count += 1
        return true
      }
      if admitted {
        LoopThread.detached(name: "\(name)-conn") { [self] in
          serve(descriptor)
          active.withLock { $0 -= 1 }
        }
      } else {
        logToStandardError(
          "logrouter: \(name): over \(Self.maxConnections) connections, refused one")
        close(descriptor)
      }
    }
    close(listener)
    // Each connection sees the stop within one poll interval.
    while active.withLock({ $0 }) > 0 { usleep(10_000) }
  }

  private func serve(_ descriptor: Int32) {
    defer { close(descriptor) }
    var reader = LineReader(descriptor: descriptor, maxLineLength: builder.maxLineLength)
    let stop = { self.control.isStopping }
    let scratch = pipeline.makeScratch()
    while case .more = reader.step(stop: stop, lines: { lines in ingest(lines, scratch) }) {}
  }

  private func ingest(_ lines: [UnsafeBufferPointer<UInt8>], _ scratch: IngestScratch) {
    let timestamp = WallClock.now()
    var records: [LogRecord] = []
    var bytes = 0
    for line in lines {
      bytes += line.count + 1
      if let fields = try? JSONRecordParser.parseObject(line) {
        records.append(builder.record(fields: fields, timestamp: timestamp))
      } else {
        records.append(builder.record(line: line, timestamp: timestamp))
      }
    }
    counters.add(.records, records.count)
    counters.add(.bytes, bytes)
    pipeline.ingest(records, scratch: scratch) { self.control.isStopping }
  }
}
