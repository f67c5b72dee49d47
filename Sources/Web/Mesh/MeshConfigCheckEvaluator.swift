import Foundation
import Labs
import Mesh

/// `check mesh-config` (Labs/README.md): a field of one resource of the learner's current mesh
/// document (the saved one, or the sandbox's default) satisfies one comparison. `resource`
/// names the resource as its App Mesh ARN ends (`virtualNode/unicorn-v1`,
/// `virtualRouter/unicorn-router/route/unicorn-route`, `virtualService/unicorn.demo.local`);
/// `path` is a ``MeshConfigPath`` into its `spec`; then exactly one of `exists` (`true` or
/// `false`), `equals`, `at-least`, `at-most` (a number, or a duration such as `500ms` or `2s`
/// for a `Duration` field) and `contains` (an element of a list). A check not met says what
/// the field holds now.
struct MeshConfigCheckEvaluator: CheckEvaluator {
  /// The comparisons, of which a check gives exactly one.
  static let comparisons = ["exists", "equals", "at-least", "at-most", "contains"]

  static let kind = CheckKind(
    name: "mesh-config",
    fields: [
      CheckFieldRule(
        "resource", required: true,
        .validated(
          CheckValueValidator(name: "a mesh resource") { text in
            MeshResourceName(text) == nil
              ? "must be virtualNode/NAME, virtualRouter/NAME, virtualRouter/NAME/route/NAME "
                + "or virtualService/NAME"
              : nil
          })),
      CheckFieldRule(
        "path", required: true,
        .validated(
          CheckValueValidator(name: "a mesh spec path") { text in
            MeshConfigPath(text) == nil
              ? "must be field names joined by '.', each with optional [N] or [key=value], "
                + "such as httpRoute.retryPolicy.maxRetries"
              : nil
          })),
      CheckFieldRule("exists", .oneOf(["true", "false"])),
      CheckFieldRule("equals"),
      CheckFieldRule("at-least", .validated(bound)),
      CheckFieldRule("at-most", .validated(bound)),
      CheckFieldRule("contains"),
    ],
    exactlyOneOf: comparisons)

  /// `labs check` refuses an `at-least` or `at-most` that is neither a number nor a duration.
  static let bound = CheckValueValidator(name: "a number or a duration") { text in
    MeshConfigValue.bound(text) == nil ? "must be a number, or a duration such as 500ms or 2s" : nil
  }

  var kind: CheckKind { Self.kind }

  func evaluate(_ check: CheckSpec, context: any CheckContext) throws -> CheckOutcome {
    guard let resource = check[field: "resource"].flatMap(MeshResourceName.init),
      let path = check[field: "path"].flatMap(MeshConfigPath.init)
    else { return .failed("the check's resource or path is not valid") }
    guard let document = try context.meshDocument() else {
      return .pending("your mesh is not available yet; start your sandbox")
    }
    guard let spec = resource.spec(in: document) else {
      return .pending("your mesh has no \(resource)")
    }
    let found = path.value(in: spec)
    let subject = "\(resource) \(path)"
    if let wanted = check[field: "exists"] {
      let exists = found != nil
      if exists == (wanted == "true") { return .passed }
      return .pending(exists ? "\(subject) is set; it should not be" : "\(subject) is not set")
    }
    guard let found else { return .pending("\(subject) is not set") }
    let shown = MeshConfigValue.text(found)
    if let wanted = check[field: "equals"] {
      return Self.equal(found, wanted) ? .passed : .pending("\(subject) is \(shown), not \(wanted)")
    }
    if let wanted = check[field: "contains"] {
      guard let list = found as? [Any] else { return .failed("\(subject) is not a list") }
      return list.contains { Self.equal($0, wanted) }
        ? .passed : .pending("\(subject) is \(shown), without \(wanted)")
    }
    for (field, atLeast) in [("at-least", true), ("at-most", false)] {
      guard let text = check[field: field] else { continue }
      guard let bound = MeshConfigValue.bound(text) else {
        return .failed("the check's \(field) is not a number or a duration")
      }
      let number =
        bound.isDuration
        ? MeshConfigValue.milliseconds(found) : (found as? NSNumber)?.doubleValue
      guard let number, !(found is [String: Any]) || bound.isDuration else {
        return .failed("\(subject) is \(shown), which \(text) cannot be compared with")
      }
      let holds = atLeast ? number >= bound.value : number <= bound.value
      return holds
        ? .passed
        : .pending(
          "\(subject) is \(shown), wanted \(field.replacingOccurrences(of: "-", with: " ")) \(text)"
        )
    }
    return .failed("the check says nothing to compare")
  }

  /// Whether a field's value is `wanted`: as text, with `true`/`false` for booleans and
  /// durations in milliseconds.
  private static func equal(_ value: Any, _ wanted: String) -> Bool {
    if let milliseconds = MeshConfigValue.milliseconds(value) {
      return MeshConfigValue.bound(wanted).map { $0.isDuration && $0.value == milliseconds }
        ?? false
    }
    if let number = value as? NSNumber, wanted == "true" || wanted == "false" {
      return number.boolValue == (wanted == "true")
    }
    return MeshConfigValue.text(value) == wanted
  }
}
