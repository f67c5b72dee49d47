import Wire

/// Waits until `condition` holds, checking every 10 ms, for at most `seconds`; returns whether
/// it held. It suspends instead of blocking, so the HTTP handlers of the servers under test
/// (tasks on the same small cooperative pool) keep running.
func eventually(within seconds: Double, _ condition: () -> Bool) async -> Bool {
  let deadline = MonotonicClock.now() + UInt64(seconds * 1e9)
  while MonotonicClock.now() < deadline {
    if condition() { return true }
    try? await Task.sleep(for: .milliseconds(10))
  }
  return condition()
}
