/// What FireLens adds to every record of an ECS task (docs.aws.amazon.com, "Custom log routing"):
/// `ecs_cluster`, `ecs_task_arn`, `ecs_task_definition`, `container_id`, `container_name`,
/// `source`. Here the cluster is the workshop event and the task the learner's sandbox.
public struct FireLensMetadata: Sendable, Hashable {
  public var cluster: String
  public var taskID: String
  /// `family:revision`.
  public var taskDefinition: String
  public var containerName: String
  /// The container's id; derived from the task and container names when not given.
  public var containerID: String?

  public init(
    cluster: String, taskID: String, taskDefinition: String, containerName: String,
    containerID: String? = nil
  ) {
    self.cluster = cluster
    self.taskID = taskID
    self.taskDefinition = taskDefinition
    self.containerName = containerName
    self.containerID = containerID
  }

  /// `arn:aws:ecs:local:000000000000:task/<cluster>/<task id>`, the ARN shape of a real task.
  public var taskARN: String { "arn:aws:ecs:local:000000000000:task/\(cluster)/\(taskID)" }

  /// The FireLens fields for lines of `source` (`stdout`/`stderr`) from `container` (this
  /// metadata's container when `nil`).
  public func fields(source: String, container: String? = nil) -> [LogField] {
    let name = container ?? containerName
    let id = (container == nil ? containerID : nil) ?? "\(taskID)-\(name)"
    return [
      LogField("container_id", .string(id)),
      LogField("container_name", .string(name)),
      LogField("source", .string(source)),
      LogField("ecs_cluster", .string(cluster)),
      LogField("ecs_task_arn", .string(taskARN)),
      LogField("ecs_task_definition", .string(taskDefinition)),
    ]
  }
}
