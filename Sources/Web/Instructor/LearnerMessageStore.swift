import Store
import Wire

/// Messages from instructors to learners, in the workshop database (issue #5 item 3).
struct LearnerMessageStore: Sendable {
  let database: Database

  /// Most messages one listing returns, newest first.
  static let listLimit = 50

  /// Checks a message as typed: 1 to ``LearnerMessage/maxCharacters`` characters, no control
  /// characters other than line breaks and tabs.
  /// - Throws: 400 saying what is wrong.
  static func validate(_ raw: String) throws(HTTPError) -> String {
    guard raw.utf8.count <= 4 * LearnerMessage.maxCharacters else {
      throw HTTPError(
        .badRequest, "message is too long (at most \(LearnerMessage.maxCharacters) characters)")
    }
    let text = raw.trimmingWhitespace()
    guard !text.isEmpty else { throw HTTPError(.badRequest, "message must not be empty") }
    guard text.count <= LearnerMessage.maxCharacters else {
      throw HTTPError(
        .badRequest, "message is too long (at most \(LearnerMessage.maxCharacters) characters)")
    }
    let allowed: Set<Unicode.Scalar> = ["\n", "\r", "\t"]
    guard
      !text.unicodeScalars.contains(where: {
        $0.properties.generalCategory == .control && !allowed.contains($0)
      })
    else { throw HTTPError(.badRequest, "message must not contain control characters") }
    return text
  }

  /// Stores a message for the learner.
  func send(learnerID: Int64, sender: String, text: String, at time: Double) throws {
    try database.write { connection in
      try connection.execute(
        "INSERT INTO learner_messages (learner_id, sender, text, sent_at) VALUES (?, ?, ?, ?)",
        [.integer(learnerID), .text(sender), .text(text), .real(time)])
    }
  }

  /// The learner's messages, newest first.
  func list(learnerID: Int64) throws -> [LearnerMessage] {
    try database.read { connection in
      try connection.query(
        "SELECT * FROM learner_messages WHERE learner_id = ? ORDER BY id DESC LIMIT ?",
        [.integer(learnerID), SQLValue(Self.listLimit)]
      ).compactMap(LearnerMessage.init(row:))
    }
  }

  /// The learner's unseen messages, oldest first, now marked seen at `time`.
  func takeUnseen(learnerID: Int64, at time: Double) throws -> [LearnerMessage] {
    // Most page views find nothing new: look first, so they cost a read and no write.
    let anyUnseen = try database.read { connection in
      try connection.queryOne(
        "SELECT 1 AS found FROM learner_messages WHERE learner_id = ? AND seen_at IS NULL LIMIT 1",
        [.integer(learnerID)]) != nil
    }
    guard anyUnseen else { return [] }
    return try database.write { connection in
      let unseen = try connection.query(
        "SELECT * FROM learner_messages WHERE learner_id = ? AND seen_at IS NULL ORDER BY id LIMIT ?",
        [.integer(learnerID), SQLValue(Self.listLimit)]
      ).compactMap(LearnerMessage.init(row:))
      if let last = unseen.last {
        try connection.execute(
          "UPDATE learner_messages SET seen_at = ? WHERE learner_id = ? AND seen_at IS NULL AND id <= ?",
          [.real(time), .integer(learnerID), .integer(last.id)])
      }
      return unseen
    }
  }
}
