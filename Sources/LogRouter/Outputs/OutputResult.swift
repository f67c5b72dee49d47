/// How a delivery went (Fluent Bit's FLB_OK / FLB_RETRY / FLB_ERROR).
enum OutputResult: Sendable, Equatable {
  case ok
  /// Worth trying again later (connection refused, 5xx, 429, a full disk).
  case retry(String)
  /// Will never succeed (the receiver refused the data): the chunk is dropped and counted.
  case error(String)
}
