import Mesh

/// A duration as the mesh forms show it: a whole number and a unit (`ms` or `s`), App Mesh's
/// `Duration` shape. An empty number means "not set".
struct MeshFormDuration: Sendable, Equatable {
  var text: String
  var unit: MeshDuration.Unit

  init(_ duration: MeshDuration?, defaultUnit: MeshDuration.Unit) {
    text = duration.map { String($0.value) } ?? ""
    unit = duration?.unit ?? defaultUnit
  }

  /// The value of field `name` and its unit in `name` + `Unit` (an unknown unit keeps `ms`).
  init(_ form: FormData, _ name: String) {
    text = form.trimmed(name)
    unit = form[name + "Unit"].flatMap(MeshDuration.Unit.init(rawValue:)) ?? .ms
  }

  var isEmpty: Bool { text.isEmpty }

  /// The duration; `nil` when empty. A value that is not a whole number is recorded under
  /// `field` in `errors` (the mesh checks the range when the document is validated).
  func parse(_ field: String, _ errors: inout [String: String]) -> MeshDuration? {
    MeshFormNumber.parse(text, field, &errors).map { MeshDuration(value: $0, unit: unit) }
  }
}

/// A whole-number form field: empty is "not set"; anything but up to 9 digits (with an optional
/// minus, so the mesh's own range message shows) is an error named after the field.
enum MeshFormNumber {
  static func parse(_ text: String, _ field: String, _ errors: inout [String: String]) -> Int? {
    guard !text.isEmpty else { return nil }
    guard text.utf8.count <= 10, let number = Int(text) else {
      errors[field] = "must be a whole number"
      return nil
    }
    return number
  }
}
