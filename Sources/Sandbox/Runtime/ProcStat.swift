import Glibc

/// The fields of `/proc/PID/stat` the agent uses (proc(5)), read with plain system calls so
/// that sampling many processes stays cheap.
struct ProcStat: Equatable {
  /// Field 3: R, S, D, Z, T…
  var state: UInt8
  /// Field 5.
  var processGroup: Int32
  /// Fields 14 + 15: user and system time in clock ticks.
  var cpuTicks: UInt64
  /// Field 22: start time in clock ticks since boot — with the pid, identifies one process.
  var startTicks: UInt64
  /// Field 23, bytes.
  var virtualBytes: UInt64
  /// Field 24, pages.
  var residentPages: UInt64

  static let ticksPerSecond = UInt64(max(1, sysconf(Int32(_SC_CLK_TCK))))
  static let pageSize = UInt64(max(1, sysconf(Int32(_SC_PAGESIZE))))

  /// Reads the stat line of `pid`; `nil` when the process is gone or the line is malformed.
  static func read(pid: Int32) -> ProcStat? {
    let descriptor = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: 1024)
    let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
    guard count > 0 else { return nil }
    return parse(buffer[..<count])
  }

  /// Parses a stat line; the command name (field 2) may hold spaces and parentheses, so the
  /// fields are counted after its last `)`.
  static func parse(_ line: ArraySlice<UInt8>) -> ProcStat? {
    guard let close = line.lastIndex(of: 0x29) else { return nil }
    let fields = line[(close + 1)...].split(separator: 0x20).map {
      String(decoding: $0, as: UTF8.self)
    }
    // fields[0] is field 3.
    guard fields.count >= 22, let state = fields[0].utf8.first,
      let group = Int32(fields[2]), let user = UInt64(fields[11]), let system = UInt64(fields[12]),
      let start = UInt64(fields[19]), let virtual = UInt64(fields[20]),
      let resident = Int64(fields[21])
    else { return nil }
    return ProcStat(
      state: state, processGroup: group, cpuTicks: user + system, startTicks: start,
      virtualBytes: virtual,
      residentPages: UInt64(max(0, resident)))
  }
}
