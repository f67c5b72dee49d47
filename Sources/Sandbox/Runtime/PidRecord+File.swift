import Glibc

extension PidRecord {
  /// Writes the records as `pid group startTicks` lines (replacing the file atomically).
  static func write(_ records: [PidRecord], to path: String) {
    let text = records.map { "\($0.pid) \($0.processGroup) \($0.startTicks)\n" }.joined()
    let temporary = path + ".tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return }
    let bytes = Array(text.utf8)
    let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    close(descriptor)
    if written == bytes.count { rename(temporary, path) } else { unlink(temporary) }
  }

  /// Reads a pids file; malformed lines are skipped, and at most 4096 lines are read.
  static func read(from path: String) -> [PidRecord] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return [] }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: 128 * 1024)
    let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
    guard count > 0 else { return [] }
    return buffer[..<count].split(separator: 0x0A).prefix(4096).compactMap { line in
      let fields = line.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
      guard fields.count == 3, let pid = Int32(fields[0]), pid > 1, let group = Int32(fields[1]),
        group > 1,
        let start = UInt64(fields[2])
      else { return nil }
      return PidRecord(pid: pid, processGroup: group, startTicks: start)
    }
  }

  /// Kills the process group of every record in the `pids` files under `root` whose process
  /// still runs with the recorded start time (a pid reused by another process is left
  /// alone), then removes the files. A group whose leader is gone cannot be told from a
  /// reused id, so it is not touched.
  /// - Returns: the groups killed.
  static func killOrphans(under root: String) -> [PidRecord] {
    guard let directory = opendir(root) else { return [] }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) {
        String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != ".", name != ".." { names.append(name) }
    }
    closedir(directory)
    var killed: [PidRecord] = []
    for name in names {
      let path = "\(root)/\(name)/pids"
      for record in read(from: path) {
        guard let stat = ProcStat.read(pid: record.pid), stat.startTicks == record.startTicks,
          stat.state != 0x5A
        else { continue }
        kill(-record.processGroup, SIGKILL)
        kill(record.pid, SIGKILL)
        killed.append(record)
      }
      unlink(path)
    }
    return killed
  }
}
