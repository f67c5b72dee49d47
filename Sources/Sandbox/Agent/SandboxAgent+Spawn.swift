import CLinux
import Foundation
import Wire

extension SandboxAgent {
  /// Allocates ports and a user id, creates the route pipes and the folders, and resolves
  /// every container's argv and environment; each process is due to start now (in
  /// ``TaskDefinition/startOrder()``).
  func makeRuntime(
    sandboxID: String, definition: TaskDefinition, now: UInt64, state: inout AgentState
  )
    throws(SandboxError) -> SandboxRuntime
  {
    let ordered: [ContainerDefinition]
    do { ordered = try definition.startOrder() } catch { throw .invalidDefinition(error) }
    let allocated = try configuration.ports.allocate(ordered.reduce(0) { $0 + $1.ports.count })
    var remaining = allocated[...]
    var ports: [String: [String: UInt16]] = [:]
    for container in ordered {
      for name in container.ports {
        ports[container.name, default: [:]][name] = remaining.popFirst()
      }
    }
    var userID: UInt32?
    var routes: [RoutePipe] = []
    do {
      if let users = configuration.userIDs { userID = try users.allocate() }
      routes = try makeRoutes(for: definition, state: &state)
    } catch {
      configuration.ports.release(allocated)
      if let userID { configuration.userIDs?.release(userID) }
      throw error
    }
    let directory = "\(configuration.root)/\(sandboxID)"
    let task = [
      "ECS_TASK_ID=\(sandboxID)", "ECS_TASK_DEFINITION=\(definition.family):\(definition.revision)",
    ]
    var processes: [SupervisedProcess] = []
    do {
      for container in ordered {
        let folder = "\(directory)/\(container.name)"
        try FileManager.default.createDirectory(
          atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        if let userID { chown(folder, userID, userID) }
        let isRouter = container.firelensConfiguration != nil && !routes.isEmpty
        let streams = isRouter ? ["\(Self.logStreamsVariable)=\(Self.logStreams(routes))"] : []
        let process = resolve(
          container, ports: ports, directory: folder, environment: task + streams)
        if isRouter { process.inheritedDescriptors = routes.map(\.readDescriptor) }
        for route in routes where route.container == container.name {
          process.routes[route.stream] = route
        }
        processes.append(process)
      }
    } catch {
      configuration.ports.release(allocated)
      if let userID { configuration.userIDs?.release(userID) }
      closeRoutes(routes, state: &state)
      throw .system("cannot create the folders of \(sandboxID): \(error)")
    }
    for process in processes { process.startAt = now }
    return SandboxRuntime(
      id: sandboxID, definition: definition, directory: directory, processes: processes,
      ports: allocated, userID: userID, routes: routes,
      metricsAddress: definition.resolvedMetricsAddress { ports[$0]?[$1] },
      idleTimeoutMillis: configuration.idleTimeoutMillis, now: now)
  }

  /// Fills in `{bin}` and `{port:…}` and builds the scrubbed environment: PATH, LANG,
  /// `ECS_CONTAINER_NAME`, `environment` (the task's `ECS_TASK_ID`, `ECS_TASK_DEFINITION` and,
  /// for the log router, `SIDECARLAB_LOG_STREAMS`), the container's variables and `PORT_<NAME>`
  /// for each own port (the control token is added per spawn).
  private func resolve(
    _ container: ContainerDefinition, ports: [String: [String: UInt16]], directory: String,
    environment agentVariables: [String]
  )
    -> SupervisedProcess
  {
    let substitute = { (text: String) in
      Placeholder.substitute(text) { placeholder in
        switch placeholder {
        case .bin: self.configuration.executable
        case .port(let owner, let name):
          ports[owner ?? container.name]?[name].map(String.init) ?? ""
        }
      }
    }
    let own = ports[container.name] ?? [:]
    // RLIMIT_AS counts reserved address space, and glibc reserves 64 MiB per malloc arena,
    // up to 8 arenas per core: a process with a few busy threads would hit a 1 GiB limit with
    // little memory in use. Two arenas keep the limit a limit on what the process uses.
    var environment = [
      "PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", "ECS_CONTAINER_NAME=\(container.name)",
      "MALLOC_ARENA_MAX=2",
    ]
    environment += agentVariables
    environment += container.environment.sorted { $0.key < $1.key }.map {
      "\($0.key)=\(substitute($0.value))"
    }
    environment += own.sorted { $0.key < $1.key }.map { name, port in
      "PORT_\(name.uppercased().replacingOccurrences(of: "-", with: "_"))=\(port)"
    }
    return SupervisedProcess(
      definition: container, arguments: container.command.map(substitute), environment: environment,
      directory: directory, ports: own)
  }

  /// Spawns `process` through the launcher with its limits, watches its pidfd and pipes, and
  /// records it in the sandbox's pids file. A failure to spawn counts as a failed exit.
  func spawn(
    _ process: SupervisedProcess, in runtime: SandboxRuntime, now: UInt64, state: inout AgentState
  ) {
    process.startAt = nil
    var output: [Int32] = [-1, -1]
    var errors: [Int32] = [-1, -1]
    guard clinux_pipe_cloexec(&output) == 0 else {
      return failedSpawn(process, "pipe2", now, &state)
    }
    guard clinux_pipe_cloexec(&errors) == 0 else {
      close(output[0])
      close(output[1])
      return failedSpawn(process, "pipe2", now, &state)
    }
    let limits = process.definition.limits
    var arguments = [
      "sandbox-exec", "--as-mb", "\(limits.addressSpaceMB)", "--nofile", "\(limits.openFiles)",
      "--nproc", "\(limits.processes)", "--cpu-seconds", "\(limits.cpuSeconds)", "--dir",
      process.directory,
      "--parent", "\(getpid())",
    ]
    if let userID = runtime.userID { arguments += ["--uid", "\(userID)", "--gid", "\(userID)"] }
    if !process.inheritedDescriptors.isEmpty {
      arguments += ["--keep-fds", "\(process.inheritedDescriptors.count)"]
    }
    arguments += ["--"] + process.arguments
    // 128 random bits (SystemRandomNumberGenerator: getrandom(2)) as 32 hex digits.
    process.controlToken = (0..<2).map { _ in
      let hex = String(UInt64.random(in: .min ... .max), radix: 16)
      return String(repeating: "0", count: 16 - hex.count) + hex
    }.joined()
    let environment = process.environment + ["SIDECARLAB_CONTROL_TOKEN=\(process.controlToken)"]
    let pid: pid_t
    do {
      pid = try ProcessSpawner.spawn(
        path: configuration.executable, arguments: arguments, environment: environment,
        stdout: output[1], stderr: errors[1], inherited: process.inheritedDescriptors)
    } catch {
      for descriptor in output + errors { close(descriptor) }
      return failedSpawn(process, "\(error)", now, &state)
    }
    close(output[1])
    close(errors[1])
    process.pid = pid
    process.startTicks = ProcStat.read(pid: pid)?.startTicks ?? 0
    process.serial = state.nextSerial
    state.nextSerial += 1
    process.everStarted = true
    process.lastCPU = nil
    process.healthInFlight = false
    process.nextHealthAt = now + 50
    process.lifecycle.spawned(at: now)
    for (descriptor, stream) in [(output[0], LogLine.Stream.stdout), (errors[0], .stderr)] {
      _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
      let reader = PipeReader(
        descriptor: descriptor, stream: stream, token: state.token(), route: process.routes[stream])
      process.readers.append(reader)
      state.watches[reader.token] = .output(process, runtime, reader)
      _ = clinux_epoll_ctl(
        epollDescriptor, CLINUX_EPOLL_CTL_ADD, descriptor, CLINUX_EPOLLIN, reader.token)
    }
    process.pidDescriptor = clinux_pidfd_open(pid)
    if process.pidDescriptor >= 0 {
      process.exitToken = state.token()
      state.watches[process.exitToken] = .exit(process, runtime)
      _ = clinux_epoll_ctl(
        epollDescriptor, CLINUX_EPOLL_CTL_ADD, process.pidDescriptor, CLINUX_EPOLLIN,
        process.exitToken)
    } else {
      // Without a pidfd (Linux < 5.3) the exit cannot be watched: end it rather than lose it.
      Glibc.kill(-pid, SIGKILL)
      process.cause = "pidfd_open failed: \(String(cString: strerror(errno)))"
      reap(process, runtime, now: now, state: &state)
    }
    writePids(of: runtime)
  }

  private func failedSpawn(
    _ process: SupervisedProcess, _ message: String, _ now: UInt64,
    _ state: inout AgentState
  ) {
    process.lastExit = ExitRecord(
      code: 127, signal: nil, reason: "exit 127: could not start: \(message)",
      timeMillis: AgentClock.wallMillis())
    if case .restart(let at) = process.lifecycle.exited(failed: true, at: now) {
      process.startAt = at
    }
  }

  /// Rewrites `<root>/<sandboxID>/pids` with the live processes (for orphan cleanup).
  func writePids(of runtime: SandboxRuntime) {
    let records = runtime.processes.filter(\.isAlive).map {
      PidRecord(pid: $0.pid, processGroup: $0.pid, startTicks: $0.startTicks)
    }
    PidRecord.write(records, to: "\(runtime.directory)/pids")
  }
}
