import Glibc

extension ExitRecord {
  /// Words on stderr that mean an allocation failed: Python, strerror(ENOMEM), C++, Go/Rust
  /// style, and the Swift runtime's own ("Could not allocate memory.").
  static let allocationFailures = [
    "MemoryError", "Cannot allocate memory", "out of memory", "std::bad_alloc",
    "failed to allocate", "Could not allocate memory",
  ]

  /// Builds the record of an exit with the most honest reason the agent can give.
  ///
  /// The agent cannot see *why* the kernel refused memory, only its traces: a signal typical
  /// of an allocation failure (SIGKILL, SIGSEGV, SIGABRT, SIGBUS) while the last sampled
  /// virtual size was within 10% of RLIMIT_AS, or an allocation error on stderr. SIGXCPU
  /// means RLIMIT_CPU was reached. A signal the agent sent itself is said so (`cause`).
  /// Exit 127 from the launcher means the target could not be executed.
  static func describe(
    code: Int32?, signal: Int32?, limits: ResourceLimits, lastVirtualBytes: UInt64,
    stderrTail: [String], allocationFailure: String? = nil,
    cause: String?, timeMillis: Int64
  ) -> ExitRecord {
    let status = code ?? 128 + (signal ?? 0)
    var reason = "exit \(status)"
    let limitBytes = UInt64(limits.addressSpaceMB) << 20
    let nearLimit = lastVirtualBytes >= limitBytes - limitBytes / 10
    let allocationError =
      allocationFailure
      ?? stderrTail.reversed().first { line in allocationFailures.contains { line.contains($0) } }
    if let signal {
      reason += ": killed by \(ProcessSignal.name(of: signal))"
      if let cause {
        reason += " (\(cause))"
      } else if signal == SIGXCPU {
        reason += " after using its CPU time limit of \(limits.cpuSeconds) s"
      } else if [SIGKILL, SIGSEGV, SIGABRT, SIGBUS].contains(signal),
        nearLimit || allocationError != nil
      {
        reason += " after exceeding the memory limit (\(limits.addressSpaceMB) MB address space)"
      }
    } else if code == 0 {
      reason += ": exited normally"
    } else if let allocationError {
      reason +=
        ": an allocation failed under the memory limit (\(limits.addressSpaceMB) MB address space): "
        + String(allocationError.prefix(200))
    } else if code == 127, let last = stderrTail.last, last.hasPrefix("sandbox-exec:") {
      reason += ": could not start: " + String(last.prefix(200))
    } else if let last = stderrTail.last {
      reason += ": last error output: " + String(last.prefix(200))
    }
    return ExitRecord(code: code, signal: signal, reason: reason, timeMillis: timeMillis)
  }
}
