import Telemetry

extension AnnotationValue {
  /// The value as text: strings as they are, numbers and booleans written out.
  var text: String {
    switch self {
    case .string(let text): text
    case .int(let number): String(number)
    case .double(let number): String(number)
    case .bool(let flag): String(flag)
    }
  }
}
