/// What an epoll token stands for in the agent's loop.
enum Watch {
  /// A pidfd: readable once the process has exited.
  case exit(SupervisedProcess, SandboxRuntime)
  /// A stdout or stderr pipe.
  case output(SupervisedProcess, SandboxRuntime, PipeReader)
  /// A full route pipe's write end, watched for room.
  case route(RoutePipe)
}
