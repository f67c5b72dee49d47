import Synchronization

/// One-time messages carried across a redirect (the rejoin link shown once after joining),
/// kept in memory rather than in the database so no plain token is ever stored. Bounded: the
/// oldest entries go first when full; a restart forgets them, which only hides the notice.
final class FlashStore: Sendable {
  private struct State {
    var values: [String: String] = [:]
    var order: [String] = []
  }

  let capacity: Int
  private let state = Mutex(State())

  init(capacity: Int = 1024) { self.capacity = capacity }

  /// Keeps `value` for the session whose token hashes to `key`.
  func put(_ value: String, for key: String) {
    state.withLock { state in
      if state.values.updateValue(value, forKey: key) == nil { state.order.append(key) }
      while state.order.count > capacity {
        state.values[state.order.removeFirst()] = nil
      }
    }
  }

  /// The value for `key`, removed so it shows only once.
  func take(_ key: String) -> String? {
    state.withLock { state in
      guard let value = state.values.removeValue(forKey: key) else { return nil }
      state.order.removeAll { $0 == key }
      return value
    }
  }
}
