/// The `[SERVICE]` section: flushing, buffering, retries and the monitoring server.
public struct ServiceConfig: Sendable {
  /// Seconds an open chunk may wait before it is handed to the outputs (`Flush`).
  public var flush = 1.0
  /// Bytes all buffered chunks together may hold before inputs pause (`Mem_Buf_Limit`).
  public var memoryLimit = 16 * 1024 * 1024
  /// Bytes at which an open chunk is sealed (`Chunk_Size`).
  public var chunkSize = 256 * 1024
  /// Where chunks are kept on disk until delivered (`storage.path`); `nil` keeps them in memory only.
  public var storagePath: String?
  /// Retry back-off: the first wait is at most `schedulerBase` seconds, doubling up to
  /// `schedulerCap` (`scheduler.base`, `scheduler.cap`).
  public var schedulerBase = 5.0
  public var schedulerCap = 2000.0
  /// Seconds a stop waits for outputs to deliver what is buffered (`Grace`).
  public var grace = 5.0
  /// The monitoring server (`HTTP_Server`, `HTTP_Listen`, `HTTP_Port`).
  public var httpServer = false
  public var httpListen = "127.0.0.1"
  public var httpPort: UInt16 = 2020

  public init() {}

  /// `Log_Level` is accepted for compatibility with Fluent Bit files (the router logs only
  /// problems); `Daemon On` is refused.
  static let keys: Set<String> = [
    "Flush", "Mem_Buf_Limit", "Chunk_Size", "storage.path", "scheduler.base", "scheduler.cap",
    "Grace", "HTTP_Server", "HTTP_Listen", "HTTP_Port", "Log_Level", "Daemon",
  ]

  init(_ reader: SectionReader) throws(ConfigError) {
    flush = try reader.seconds("Flush") ?? flush
    guard flush > 0 else {
      throw reader.error(reader.section.value("Flush"), "'Flush' must be above 0")
    }
    memoryLimit = try reader.size("Mem_Buf_Limit") ?? memoryLimit
    chunkSize = try reader.size("Chunk_Size") ?? chunkSize
    storagePath = reader.string("storage.path")
    schedulerBase = try reader.seconds("scheduler.base") ?? schedulerBase
    schedulerCap = try reader.seconds("scheduler.cap") ?? schedulerCap
    grace = try reader.seconds("Grace") ?? grace
    httpServer = try reader.bool("HTTP_Server") ?? httpServer
    httpListen = reader.string("HTTP_Listen") ?? httpListen
    httpPort = UInt16(try reader.int("HTTP_Port", in: 0...65535) ?? Int(httpPort))
    if try reader.bool("Daemon") == true {
      throw reader.error(
        reader.section.value("Daemon"),
        "'Daemon On' is not supported: the agent supervises the router")
    }
  }
}
