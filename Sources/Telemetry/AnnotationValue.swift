/// An X-Ray annotation value: annotations are indexed for filter expressions, so X-Ray accepts
/// only strings, numbers and booleans (developer guide, "Segment documents: annotations").
public enum AnnotationValue: Sendable, Equatable {
  case string(String)
  case int(Int)
  case double(Double)
  case bool(Bool)

  func write(to writer: inout JSONWriter) {
    switch self {
    case .string(let value): writer.string(value)
    case .int(let value): writer.int(value)
    case .double(let value): writer.double(value)
    case .bool(let value): writer.bool(value)
    }
  }
}
