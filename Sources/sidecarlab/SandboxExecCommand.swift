import Sandbox

/// `sidecarlab sandbox-exec …`: the launcher the sandbox agent spawns (see `SandboxLauncher`).
enum SandboxExecCommand {
  static func run(_ arguments: [String]) -> Int32 { SandboxLauncher.run(arguments) }
}
