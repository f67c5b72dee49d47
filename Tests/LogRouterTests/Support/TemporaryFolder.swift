import Glibc

/// A fresh folder under /tmp, removed with everything in it by `remove()`.
struct TemporaryFolder {
  let path: String

  init() {
    var template = Array("/tmp/logrouter-test.XXXXXX".utf8CString)
    path = String(cString: mkdtemp(&template)!)
  }

  func write(_ name: String, _ text: String) -> String {
    let file = "\(path)/\(name)"
    let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    precondition(descriptor >= 0, "cannot create \(file)")
    _ = Array(text.utf8).withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    close(descriptor)
    return file
  }

  func read(_ name: String) -> [UInt8] {
    let descriptor = open("\(path)/\(name)", O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return [] }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      guard count > 0 else { return bytes }
      bytes.append(contentsOf: buffer[0..<count])
    }
  }

  /// Names in `folder` (relative to this folder), recursively flattened one level.
  func files(in folder: String) -> [String] {
    guard let handle = opendir("\(path)/\(folder)") else { return [] }
    defer { closedir(handle) }
    var names: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) {
        String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  func remove() { Self.remove(path) }

  private static func remove(_ path: String) {
    if let handle = opendir(path) {
      while let entry = readdir(handle) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) {
          String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
        }
        guard name != "." && name != ".." else { continue }
        if entry.pointee.d_type == UInt8(DT_DIR) {
          remove("\(path)/\(name)")
        } else {
          unlink("\(path)/\(name)")
        }
      }
      closedir(handle)
    }
    rmdir(path)
  }
}
