/// ECS's `firelensConfiguration`: marks the task's log router container, the one the other
/// containers' `awsfirelens` output goes to (ECS Developer Guide, "Custom log routing").
/// Only `{"type": "fluentbit"}` is understood: `sidecarlab logrouter` speaks Fluent Bit's
/// configuration, inputs and keys.
public struct FireLensConfiguration: Codable, Sendable, Equatable {
  public var type: String

  public init(type: String = "fluentbit") {
    self.type = type
  }
}
