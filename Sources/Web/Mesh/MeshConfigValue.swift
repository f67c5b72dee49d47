import Foundation

/// Reads the values a `mesh-config` check compares: numbers, text, lists, and App Mesh's
/// `Duration` objects (`{"value": 2, "unit": "s"}`), which compare in milliseconds with
/// check values such as `500ms` or `2s`.
enum MeshConfigValue {
  /// A JSON value as the learner reads it: numbers and text as they are, a duration as `2s`,
  /// a list as `[a, b]`, an object as `{…}`.
  static func text(_ value: Any) -> String {
    switch value {
    case let text as String: return text
    case let number as NSNumber: return number.stringValue
    case let list as [Any]: return "[" + list.map(text).joined(separator: ", ") + "]"
    case let object as [String: Any]:
      if milliseconds(object) != nil, let unit = object["unit"] as? String,
        let count = object["value"] as? NSNumber
      {
        return count.stringValue + unit
      }
      return "{…}"
    default: return "null"
    }
  }

  /// A `Duration` object in milliseconds; `nil` for anything else.
  static func milliseconds(_ value: Any) -> Double? {
    guard let object = value as? [String: Any], object.count == 2,
      let count = (object["value"] as? NSNumber)?.doubleValue, let unit = object["unit"] as? String
    else { return nil }
    switch unit {
    case "ms": return count
    case "s": return count * 1000
    default: return nil
    }
  }

  /// A check's number: plain (`2`) or a duration (`500ms`, `2s`, in milliseconds).
  static func bound(_ text: String) -> (value: Double, isDuration: Bool)? {
    guard text.utf8.count <= 20 else { return nil }
    for (suffix, scale) in [("ms", 1.0), ("s", 1000.0)] where text.hasSuffix(suffix) {
      guard let count = Int(text.dropLast(suffix.count)), count >= 0 else { return nil }
      return (Double(count) * scale, true)
    }
    guard let number = Double(text), number.isFinite else { return nil }
    return (number, false)
  }
}
