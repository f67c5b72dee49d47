import Glibc

/// The signals the kill fault may send (a validated list), and the names exit reasons use.
public enum ProcessSignal: String, Sendable, Codable, CaseIterable {
  case SIGHUP, SIGINT, SIGQUIT, SIGABRT, SIGKILL, SIGUSR1, SIGSEGV, SIGUSR2, SIGTERM

  public var number: Int32 {
    switch self {
    case .SIGHUP: Glibc.SIGHUP
    case .SIGINT: Glibc.SIGINT
    case .SIGQUIT: Glibc.SIGQUIT
    case .SIGABRT: Glibc.SIGABRT
    case .SIGKILL: Glibc.SIGKILL
    case .SIGUSR1: Glibc.SIGUSR1
    case .SIGSEGV: Glibc.SIGSEGV
    case .SIGUSR2: Glibc.SIGUSR2
    case .SIGTERM: Glibc.SIGTERM
    }
  }

  /// `SIGKILL` style name of any signal number (`signal 42` for ones without a short name).
  static func name(of number: Int32) -> String {
    if let known = allCases.first(where: { $0.number == number }) { return known.rawValue }
    let others: [Int32: String] = [
      SIGILL: "SIGILL", SIGTRAP: "SIGTRAP", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGPIPE: "SIGPIPE",
      SIGALRM: "SIGALRM", SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ", SIGSYS: "SIGSYS",
    ]
    return others[number] ?? "signal \(number)"
  }
}
