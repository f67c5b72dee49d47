import Dispatch
import Glibc
import Telemetry

/// Activates faults and runs the ones that act on their own rather than on requests — memory
/// leak, CPU hog, log flood — each on a thread of its own that ends when its activation is
/// replaced or cleared (it polls ``FaultState/isCurrent(_:generation:)`` every tick).
public final class FaultEffects: Sendable {
  public let state: FaultState
  private let identity: ServiceIdentity
  private let errors: ErrorLog

  public init(state: FaultState, identity: ServiceIdentity) {
    self.state = state
    self.identity = identity
    errors = ErrorLog(identity: identity)
  }

  /// Makes `fault` active and starts its background effect when it has one.
  public func apply(_ fault: Fault) {
    let generation = state.activate(fault)
    let effect: (@Sendable () -> Void)?
    switch fault.kind {
    case .memoryLeak:
      effect = { [self] in leak(megabytesPerSecond: fault["mb_per_second"], generation: generation)
      }
    case .cpuHog:
      effect = { [self] in hog(percent: fault["percent"], generation: generation) }
    case .logFlood:
      effect = { [self] in flood(linesPerSecond: fault["lines_per_second"], generation: generation)
      }
    case .latency, .errors, .crash, .failingHealth:
      effect = nil
    }
    if let effect {
      DispatchQueue(label: "fault-\(fault.kind.rawValue)").async(execute: effect)
    }
  }

  /// Allocates `megabytesPerSecond` MB a second in ten steps and writes every page so the
  /// resident set really grows; frees it all when stopped. An allocation the address-space
  /// limit refuses ends the process with SIGABRT, as an out-of-memory runtime would.
  private func leak(megabytesPerSecond: Int, generation: Int) {
    let step = megabytesPerSecond * 1024 * 1024 / 10
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    var blocks: [UnsafeMutableRawPointer] = []
    defer { blocks.forEach { free($0) } }
    while state.isCurrent(.memoryLeak, generation: generation) {
      guard let block = malloc(step) else {
        // Give one block back first: at the limit even the report's own allocations fail.
        if let last = blocks.popLast() { free(last) }
        errors.report(
          "memory leak: out of memory after \(blocks.count * step / 1024 / 1024) MB (malloc refused); aborting"
        )
        abort()
      }
      var offset = 0
      while offset < step {
        block.storeBytes(of: 1, toByteOffset: offset, as: UInt8.self)
        offset += page
      }
      blocks.append(block)
      usleep(100_000)
    }
  }

  /// Busy-loops for `percent` of every 100 ms period and sleeps the rest: that share of one core.
  private func hog(percent: Int, generation: Int) {
    let period = 0.1
    while state.isCurrent(.cpuHog, generation: generation) {
      let start = WallClock.monotonic()
      let busyUntil = start + period * Double(percent) / 100
      while WallClock.monotonic() < busyUntil {}
      let rest = start + period - WallClock.monotonic()
      if rest > 0 { usleep(useconds_t(rest * 1_000_000)) }
    }
  }

  /// Prints `linesPerSecond` JSON lines a second to standard output, evenly, in 10 ms ticks.
  private func flood(linesPerSecond: Int, generation: Int) {
    let start = WallClock.monotonic()
    var written = 0
    while state.isCurrent(.logFlood, generation: generation) {
      let due = Int((WallClock.monotonic() - start) * Double(linesPerSecond))
      while written < due {
        written += 1
        StandardStream.standardOutput.writeLine(floodLine(written))
      }
      usleep(10_000)
    }
  }

  private func floodLine(_ number: Int) -> [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("time")
    writer.string(WallClock.rfc3339(WallClock.now()))
    writer.key("level")
    writer.string("info")
    writer.key("service")
    writer.string(identity.service.rawValue)
    writer.key("instance")
    writer.string(identity.instance)
    writer.key("message")
    writer.string("log flood line \(number)")
    writer.endObject()
    return writer.bytes
  }
}
