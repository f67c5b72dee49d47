/// The two services of the demo app.
public enum DemoService: String, Sendable, CaseIterable {
  /// The front service: answers `/` and relays `/unicorn` to unicorn.
  case swan
  /// The back end: does a little real work on `/unicorn`.
  case unicorn
}
