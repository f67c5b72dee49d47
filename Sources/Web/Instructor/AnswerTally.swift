/// A learner's answers on one step: how many, how many wrong, and the latest text.
struct AnswerTally: Sendable, Equatable {
  let count: Int
  let wrong: Int
  let latest: String
}
