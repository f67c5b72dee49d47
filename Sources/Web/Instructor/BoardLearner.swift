/// One learner of an event with their stored progress on every step they reached, as the board
/// reads it in one query (``ProgressStore/boardLearners(eventID:limit:)``).
struct BoardLearner: Sendable, Equatable {
  let id: Int64
  let name: String
  /// Unix seconds.
  let joinedAt: Double
  var steps: [LabStep: StepRecord]
}
