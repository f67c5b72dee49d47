import CLinux
import Glibc

/// `sidecarlab sandbox-exec [--as-mb N] [--nofile N] [--nproc N] [--cpu-seconds N] [--dir DIR]
/// [--uid N --gid N] [--parent PID] [--keep-fds N] -- PROGRAM ARGS…`: puts limits in force, then becomes
/// the target with execvp(3), so the target never runs a single instruction without them.
///
/// Order matters: rlimits (setrlimit(2)); the user switch (setgroups, setgid, setuid — done
/// before prctl because a credential change clears the parent-death signal); PR_SET_PDEATHSIG
/// SIGKILL, then a check that the parent is still the agent (it may have died in between);
/// chdir; close every descriptor above 2 (above 2 + N with `--keep-fds N`: the log router's
/// inherited route pipes, 3 … 2 + N); exec. Any failure exits 127 with a
/// `sandbox-exec:` line on stderr, which the agent turns into the exit reason.
public enum SandboxLauncher {
  /// The most descriptors `--keep-fds` keeps: two streams for each of a task's 32 containers.
  static let maxKeptDescriptors = 64

  public static func run(_ arguments: [String]) -> Int32 {
    guard let separator = arguments.firstIndex(of: "--"), separator + 1 < arguments.count else {
      return fail("usage: sandbox-exec [options] -- PROGRAM [ARGS...]")
    }
    var options: [String: Int] = [:]
    var directory: String?
    var index = 0
    while index < separator {
      let name = arguments[index]
      guard index + 1 < separator else { return fail("\(name) needs a value") }
      let value = arguments[index + 1]
      if name == "--dir" {
        directory = value
      } else if [
        "--as-mb", "--nofile", "--nproc", "--cpu-seconds", "--uid", "--gid", "--parent",
        "--keep-fds",
      ].contains(name),
        let number = Int(value), number >= 0, number <= Int(Int32.max)
      {
        options[name] = number
      } else {
        return fail("bad option \(name) \(value)")
      }
      index += 2
    }
    let limits: [(String, __rlimit_resource, Int, Int)] = [
      ("--as-mb", RLIMIT_AS, 1 << 20, 0), ("--nofile", RLIMIT_NOFILE, 1, 0),
      ("--nproc", __RLIMIT_NPROC, 1, 0), ("--cpu-seconds", RLIMIT_CPU, 1, 2),
    ]
    for (name, resource, unit, hardExtra) in limits {
      guard let value = options[name] else { continue }
      // RLIMIT_CPU: SIGXCPU at the soft limit, SIGKILL at the hard one a little later.
      var limit = rlimit(rlim_cur: rlim_t(value * unit), rlim_max: rlim_t(value * unit + hardExtra))
      guard setrlimit(__rlimit_resource_t(resource.rawValue), &limit) == 0 else {
        return failErrno("setrlimit \(name)")
      }
    }
    if let gid = options["--gid"] {
      guard setgroups(0, nil) == 0, setgid(gid_t(gid)) == 0 else {
        return failErrno("setgid \(gid)")
      }
    }
    if let uid = options["--uid"] {
      guard setuid(uid_t(uid)) == 0 else { return failErrno("setuid \(uid)") }
    }
    guard clinux_set_parent_death_signal(SIGKILL) == 0 else { return failErrno("prctl") }
    if let parent = options["--parent"], getppid() != pid_t(parent) {
      return fail("the agent is gone")
    }
    if let directory, chdir(directory) != 0 { return failErrno("chdir \(directory)") }
    let kept = options["--keep-fds"] ?? 0
    guard kept <= maxKeptDescriptors else {
      return fail("--keep-fds must be at most \(maxKeptDescriptors)")
    }
    _ = clinux_close_from(3 + Int32(kept))
    let target = Array(arguments[(separator + 1)...])
    let argv = target.map { strdup($0) } + [nil]
    execvp(target[0], argv)
    return failErrno("cannot run \(target[0])")
  }

  private static func failErrno(_ message: String) -> Int32 {
    fail("\(message): \(String(cString: strerror(errno)))")
  }

  private static func fail(_ message: String) -> Int32 {
    let line = Array("sandbox-exec: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    return 127
  }
}
