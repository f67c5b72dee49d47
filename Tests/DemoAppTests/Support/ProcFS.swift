import Foundation

/// Reads a process's resource use from /proc.
enum ProcFS {
  /// `VmRSS` from /proc/PID/status, in kB.
  static func residentKilobytes(_ pid: Int32) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else {
      return nil
    }
    guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else {
      return nil
    }
    return line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap {
      Int($0)
    }
  }

  /// `utime + stime` from /proc/PID/stat, in clock ticks (fields 14 and 15, counted after the
  /// command name, which may itself contain spaces).
  static func cpuTicks(_ pid: Int32) -> Int? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return nil }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    // After ")": state is field 3, so utime (14) and stime (15) sit at offsets 11 and 12.
    guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else {
      return nil
    }
    return user + system
  }
}
