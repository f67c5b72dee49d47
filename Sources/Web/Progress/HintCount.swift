/// How many of a step's hints a learner has seen and asked for, to be stored.
struct HintCount: Sendable {
  let key: StepKey
  let seen: Int
  let asked: Int
}
