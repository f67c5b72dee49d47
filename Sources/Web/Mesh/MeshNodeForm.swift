import Mesh
import Wire

/// The outlier-detection form of one virtual node (`POST /mesh/nodes/{node}`): App Mesh's
/// `maxServerErrors`, `interval`, `baseEjectionDuration` and `maxEjectionPercent`, all four or
/// none (none: no outlier detection). Holds the text as typed, with problems by field.
struct MeshNodeForm: Sendable {
  static let general = MeshRouteForm.general
  /// The fields, in the order shown.
  static let fields = ["maxServerErrors", "interval", "baseEjectionDuration", "maxEjectionPercent"]

  let node: String
  var maxServerErrors: String
  var interval: MeshFormDuration
  var baseEjectionDuration: MeshFormDuration
  var maxEjectionPercent: String
  var errors: [String: String] = [:]

  /// The form showing `node`'s outlier detection as it is.
  init(_ node: VirtualNode) {
    self.node = node.virtualNodeName
    let detection = node.listener?.outlierDetection
    maxServerErrors = detection.map { String($0.maxServerErrors) } ?? ""
    interval = MeshFormDuration(detection?.interval, defaultUnit: .s)
    baseEjectionDuration = MeshFormDuration(detection?.baseEjectionDuration, defaultUnit: .s)
    maxEjectionPercent = detection.map { String($0.maxEjectionPercent) } ?? ""
  }

  /// The form as posted for `node`.
  init(_ form: FormData, node: VirtualNode) {
    self.node = node.virtualNodeName
    maxServerErrors = form.trimmed("maxServerErrors")
    interval = MeshFormDuration(form, "interval")
    baseEjectionDuration = MeshFormDuration(form, "baseEjectionDuration")
    maxEjectionPercent = form.trimmed("maxEjectionPercent")
  }

  /// Puts the form's values into `node`'s listener; records in ``errors`` what cannot be read
  /// (and then leaves `node` alone).
  mutating func apply(to node: inout VirtualNode) {
    guard var listener = node.listener else {
      errors[Self.general] = "\(node.virtualNodeName) has no listener to eject hosts from"
      return
    }
    let texts = [maxServerErrors, interval.text, baseEjectionDuration.text, maxEjectionPercent]
    let errorsAllowed = MeshFormNumber.parse(maxServerErrors, "maxServerErrors", &errors)
    let every = interval.parse("interval", &errors)
    let ejection = baseEjectionDuration.parse("baseEjectionDuration", &errors)
    let percent = MeshFormNumber.parse(maxEjectionPercent, "maxEjectionPercent", &errors)
    if texts.contains(where: { !$0.isEmpty }) {
      for (field, text) in zip(Self.fields, texts) where text.isEmpty {
        errors[field] = "required: give all four fields, or none to turn outlier detection off"
      }
    }
    guard errors.isEmpty else { return }
    if let errorsAllowed, let every, let ejection, let percent {
      listener.outlierDetection = OutlierDetectionConfig(
        maxServerErrors: errorsAllowed, interval: every, baseEjectionDuration: ejection,
        maxEjectionPercent: percent)
    } else {
      listener.outlierDetection = nil
    }
    node.listener = listener
  }

  /// Records the mesh's refusal beside the field it names (`virtualNodes[i].spec.listeners[0]
  /// .outlierDetection.…`); a problem elsewhere goes to ``general``.
  mutating func place(_ error: MeshConfigError, nodeIndex: Int) {
    let prefix = "virtualNodes[\(nodeIndex)].spec.listeners[0].outlierDetection."
    let field = error.path.hasPrefix(prefix) ? String(error.path.dropFirst(prefix.count)) : ""
    let name = Self.fields.first { field.hasPrefix($0) } ?? Self.general
    errors[name] = name == Self.general ? error.description : error.message
  }
}
