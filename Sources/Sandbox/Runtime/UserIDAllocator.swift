import Foundation
import Synchronization

/// Hands out the user ids sandboxes run as, so that no two live sandboxes share one — not
/// even sandboxes of two agents in one process or of two servers on one machine: an id is
/// free when no sandbox of this process holds it and no process on the machine runs as it
/// (read from `/proc/*/status`). A shared id would let one sandbox signal another's processes
/// and would pool their process-count limit (`RLIMIT_NPROC` counts per user).
public final class UserIDAllocator: Sendable {
  public static let shared = UserIDAllocator(range: 61_000...61_999)

  public let range: ClosedRange<UInt32>
  private let held = Mutex<Set<UInt32>>([])

  public init(range: ClosedRange<UInt32>) {
    self.range = range
  }

  public func allocate() throws(SandboxError) -> UInt32 {
    let busy = Self.userIDsWithProcesses()
    return try held.withLock { held throws(SandboxError) -> UInt32 in
      guard let free = range.first(where: { !held.contains($0) && !busy.contains($0) }) else {
        throw .userIDsExhausted
      }
      held.insert(free)
      return free
    }
  }

  public func release(_ userID: UInt32) {
    _ = held.withLock { $0.remove(userID) }
  }

  /// The real user ids of every process on the machine.
  static func userIDsWithProcesses() -> Set<UInt32> {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else {
      return []
    }
    var found: Set<UInt32> = []
    for entry in entries where entry.first?.isNumber == true {
      guard let status = try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }),
        let real = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).dropFirst().first,
        let userID = UInt32(real)
      else { continue }
      found.insert(userID)
    }
    return found
  }
}
