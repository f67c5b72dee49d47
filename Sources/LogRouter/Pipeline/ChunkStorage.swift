import Glibc
import Wire

/// The filesystem buffer (`storage.path`): one folder per output holding its undelivered
/// chunks as `<id>.chunk` files of JSON lines, plus `<input>.partial` files holding the
/// unfinished last line of a stream input at a stop. A chunk file is written whole (to a
/// temporary name, then renamed) before the chunk is queued, so a restart finds only whole
/// chunks; it is deleted once its output is done with it.
struct ChunkStorage: Sendable {
  let root: String

  /// Creates the folders for `outputs` (and `root`).
  init(root: String, outputs: [String]) throws(SystemCallError) {
    self.root = root
    try Self.makeDirectory(root)
    for output in outputs { try Self.makeDirectory(directory(output)) }
  }

  private static func makeDirectory(_ path: String) throws(SystemCallError) {
    if mkdir(path, 0o700) != 0, errno != EEXIST {
      throw SystemCallError("mkdir \(path)", errno: errno)
    }
  }

  private func directory(_ output: String) -> String { "\(root)/\(Self.safe(output))" }

  /// A name safe as one path component.
  private static func safe(_ name: String) -> String {
    String(
      name.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" ? $0 : "_" })
  }

  private func path(_ output: String, _ id: UInt64) -> String {
    let digits = String(id)
    return
      "\(directory(output))/\(String(repeating: "0", count: max(0, 20 - digits.count)))\(digits).chunk"
  }

  func write(_ chunk: Chunk, output: String) throws(SystemCallError) {
    try Self.writeFile(path(output, chunk.id), chunk.bytes)
  }

  func remove(_ id: UInt64, output: String) {
    unlink(path(output, id))
  }

  /// The chunks left for `output`, oldest first.
  func load(output: String) -> [Chunk] {
    let folder = directory(output)
    guard let handle = opendir(folder) else { return [] }
    defer { closedir(handle) }
    var ids: [UInt64] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      guard name.hasSuffix(".chunk"), let id = UInt64(name.dropLast(6)) else { continue }
      ids.append(id)
    }
    return ids.sorted().compactMap { id in
      guard let bytes = Self.readFile(path(output, id)) else { return nil }
      let records = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
      return Chunk(id: id, bytes: bytes, records: records, opened: 0)
    }
  }

  /// Keeps the unfinished line of `input` for the next start.
  func savePartial(_ bytes: [UInt8], input: String) throws(SystemCallError) {
    try Self.writeFile("\(root)/\(Self.safe(input)).partial", bytes)
  }

  /// The unfinished line an earlier run kept for `input` (removed once read).
  func takePartial(input: String) -> [UInt8] {
    let path = "\(root)/\(Self.safe(input)).partial"
    guard let bytes = Self.readFile(path) else { return [] }
    unlink(path)
    return bytes
  }

  private static func writeFile(_ path: String, _ bytes: [UInt8]) throws(SystemCallError) {
    let temporary = path + ".tmp"
    let descriptor = try systemCall("open \(temporary)") {
      open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    }
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { raw in
        Glibc.write(descriptor, raw.baseAddress! + written, raw.count - written)
      }
      if count < 0 {
        if errno == EINTR { continue }
        let error = SystemCallError("write \(temporary)", errno: errno)
        close(descriptor)
        unlink(temporary)
        throw error
      }
      written += count
    }
    close(descriptor)
    try systemCall("rename \(path)") { rename(temporary, path) }
  }

  private static func readFile(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { return count == 0 ? bytes : nil }
      bytes.append(contentsOf: buffer[0..<count])
    }
  }
}
