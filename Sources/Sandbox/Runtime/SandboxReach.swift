import Glibc

/// Whether processes running as other users (the per-sandbox users) can reach a path: every
/// folder on the way must be searchable by "others" (`o+x`), and the file itself readable
/// and executable when it is the binary they run.
enum SandboxReach {
  /// The first folder on the way to `path` that others cannot search, or `nil`.
  static func blockingFolder(on path: String) -> String? {
    var folder = ""
    for part in path.split(separator: "/").dropLast() {
      folder += "/" + part
      var info = stat()
      guard stat(folder, &info) == 0 else { return nil }  // not created yet: the agent makes it 0755
      if info.st_mode & S_IXOTH == 0 { return folder }
    }
    return nil
  }

  /// Why sandbox users could not work under `root` or run `executable`, or `nil` when they can.
  static func problem(root: String, executable: String) -> String? {
    for path in [root + "/sandbox", executable] {
      if let folder = blockingFolder(on: path) {
        return
          "sandbox processes run as their own users and cannot enter \(folder): make it searchable (chmod o+x \(folder)) or choose folders they can reach"
      }
    }
    var info = stat()
    if stat(executable, &info) == 0, info.st_mode & (S_IROTH | S_IXOTH) != (S_IROTH | S_IXOTH) {
      return "sandbox processes run as their own users and cannot run \(executable) (chmod o+rx)"
    }
    return nil
  }
}
