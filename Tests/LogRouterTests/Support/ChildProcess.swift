import Glibc
import Wire

/// A child process started with `posix_spawn`: standard input from a given descriptor,
/// standard error to a file (read by tests when something goes wrong).
struct ChildProcess {
  let pid: pid_t

  /// The `sidecarlab` binary under test: `SIDECARLAB_BIN`, or `sidecarlab` next to the test bundle.
  static func binary() -> String? {
    if let path = getenv("SIDECARLAB_BIN") { return String(cString: path) }
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard count > 0 else { return nil }
    var folder = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    while !folder.isEmpty, !folder.hasSuffix("/debug"), !folder.hasSuffix("/release") {
      guard let slash = folder.lastIndex(of: "/") else { return nil }
      folder = String(folder[..<slash])
    }
    let candidate = "\(folder)/sidecarlab"
    return access(candidate, X_OK) == 0 ? candidate : nil
  }

  init(_ arguments: [String], stdin: Int32, stderrPath: String) throws(SystemCallError) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, stdin, 0)
    posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    let argv = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    // The child starts with no blocked signals and default SIGTERM/SIGINT handling, whatever
    // the test runner set for itself.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGTERM)
    sigaddset(&defaults, SIGINT)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let result = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
    guard result == 0 else { throw SystemCallError("posix_spawn", errno: result) }
    self.pid = pid
  }

  func signal(_ number: Int32) { kill(pid, number) }

  /// Reaps the child if it has ended; its exit status, or `nil` while it runs.
  func exitStatus() -> Int32? {
    var status: Int32 = 0
    guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
    return (status >> 8) & 0xFF
  }
}
