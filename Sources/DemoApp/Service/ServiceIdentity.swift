/// Who is answering: the service, its instance id and version, as every log line and segment says.
public struct ServiceIdentity: Sendable, Equatable {
  public let service: DemoService
  public let instance: String
  public let version: String

  public init(service: DemoService, instance: String, version: String) {
    self.service = service
    self.instance = instance
    self.version = version
  }
}
