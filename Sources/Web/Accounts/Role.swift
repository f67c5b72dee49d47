/// Who a session belongs to (DESIGN.md "Security model").
public enum Role: String, Sendable, Equatable {
  case learner
  case instructor
}
