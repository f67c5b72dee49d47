/// A sandbox test that could not go on: a missing binary or a condition that never held.
struct SandboxFixtureError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
