/// Where a router is in its life.
enum RouterPhase: Int, Sendable {
  /// Reading and delivering.
  case running
  /// Every input reached its end: outputs deliver all that is buffered, then the router ends.
  case draining
  /// A stop was asked for: inputs stop reading; buffered chunks are kept on disk (with
  /// `storage.path`) or delivered within the grace period.
  case stopping
}
