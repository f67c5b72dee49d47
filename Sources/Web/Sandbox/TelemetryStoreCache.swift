import Glibc
import Synchronization

/// Open telemetry stores by file path, opened on first use and kept for the next request, at
/// most `capacity` of them: the least recently used is dropped first (its connections close
/// once the last request using it ends). A path with no file means "nothing recorded yet" and
/// nothing is created, unless the caller asks for it.
final class TelemetryStoreCache<Store: Sendable>: Sendable {
  private struct Entry {
    let store: Store
    var lastUse: UInt64
  }

  private struct State {
    var entries: [String: Entry] = [:]
    var uses: UInt64 = 0
  }

  let capacity: Int
  private let open: @Sendable (String) throws -> Store
  private let state: Mutex<State>

  /// - Parameters:
  ///   - capacity: most stores kept open, at least 1.
  ///   - open: opens (or creates) the store in a file.
  init(capacity: Int, open: @escaping @Sendable (String) throws -> Store) {
    precondition(capacity > 0, "a cache holds at least one store")
    self.capacity = capacity
    self.open = open
    state = Mutex(State())
  }

  /// The store in the file at `path`; `nil` when there is no such file and `create` is false
  /// (a deleted file is dropped from the cache).
  /// - Throws: what `open` throws when the file cannot be opened as a store.
  func store(at path: String, create: Bool = false) throws -> Store? {
    if !create, access(path, F_OK) != 0 {
      state.withLock { _ = $0.entries.removeValue(forKey: path) }
      return nil
    }
    if let cached = state.withLock({ state -> Store? in
      state.uses += 1
      state.entries[path]?.lastUse = state.uses
      return state.entries[path]?.store
    }) {
      return cached
    }
    let opened = try open(path)
    return state.withLock { state in
      state.uses += 1
      if let raced = state.entries[path] { return raced.store }
      if state.entries.count >= capacity,
        let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
      {
        state.entries.removeValue(forKey: oldest)
      }
      state.entries[path] = Entry(store: opened, lastUse: state.uses)
      return opened
    }
  }

  /// How many stores are open now.
  var count: Int { state.withLock { $0.entries.count } }
}
