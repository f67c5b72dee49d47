import Store

/// A message an instructor sent to one learner (issue #5 item 3), as stored in
/// `learner_messages`.
struct LearnerMessage: Sendable, Equatable {
  let id: Int64
  /// The instructor's name when sent.
  let sender: String
  let text: String
  /// Unix seconds.
  let sentAt: Double

  /// Longest message accepted, in characters.
  static let maxCharacters = 1000

  init?(row: Row) {
    guard let id = row.int64("id"), let sender = row.string("sender"),
      let text = row.string("text"), let sentAt = row.double("sent_at")
    else { return nil }
    self.id = id
    self.sender = sender
    self.text = text
    self.sentAt = sentAt
  }
}
