import Glibc

/// Starts a process with posix_spawn(3): in a new process group of its own
/// (`POSIX_SPAWN_SETPGROUP`), with an empty signal mask and default dispositions
/// (`SETSIGMASK`/`SETSIGDEF`, so nothing blocked or ignored in the agent leaks in), stdin from
/// /dev/null, stdout/stderr onto the given pipe ends and `inherited` onto 3, 4, 5, … Every
/// other descriptor of the agent is close-on-exec, and the launcher closes any stray one
/// before its target runs (`--keep-fds N` keeps the inherited ones).
enum ProcessSpawner {
  /// - Parameter inherited: descriptors the child gets as 3, 4, 5, … in this order (dup2
  ///   clears their close-on-exec flag).
  /// - Returns: the pid, which is also the new process group's id.
  static func spawn(
    path: String, arguments: [String], environment: [String], stdout: Int32, stderr: Int32,
    inherited: [Int32] = []
  )
    throws(SandboxError) -> pid_t
  {
    var actions = posix_spawn_file_actions_t()
    var attributes = posix_spawnattr_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawnattr_init(&attributes)
    defer {
      posix_spawn_file_actions_destroy(&actions)
      posix_spawnattr_destroy(&attributes)
    }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, stdout, 1)
    posix_spawn_file_actions_adddup2(&actions, stderr, 2)
    // Two steps, so that no target (3 + i) overwrites a source still to be copied: every
    // source first goes above all sources and targets, then down to its target. (A direct
    // dup2 of a descriptor onto itself would also leave its close-on-exec flag set.)
    let parking = max(inherited.max() ?? 0, Int32(2 + inherited.count)) + 1
    for (index, descriptor) in inherited.enumerated() {
      posix_spawn_file_actions_adddup2(&actions, descriptor, parking + Int32(index))
    }
    for index in inherited.indices {
      posix_spawn_file_actions_adddup2(&actions, parking + Int32(index), 3 + Int32(index))
      posix_spawn_file_actions_addclose(&actions, parking + Int32(index))
    }
    var empty = sigset_t()
    var all = sigset_t()
    sigemptyset(&empty)
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup($0) } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    guard result == 0 else {
      throw SandboxError.system("posix_spawn \(path): \(String(cString: strerror(result)))")
    }
    return pid
  }
}
