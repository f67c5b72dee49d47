/// One step of one lab, as a column of the board and a row of the summary and export.
struct LabStep: Sendable, Hashable {
  let lab: String
  let step: String
}
