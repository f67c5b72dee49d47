/// A wrong answer the room gave to one step, with how many times it was given.
struct WrongAnswer: Sendable, Equatable {
  let step: LabStep
  let text: String
  let count: Int
}
