/// Who answers for a virtual service: one virtual node or a virtual router's routes.
public enum VirtualServiceProvider: Sendable, Equatable {
  case virtualNode(String)
  case virtualRouter(String)
}
