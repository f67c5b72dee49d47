/// The mesh's `spec.egressFilter.type`: whether a sidecar forwards calls to hosts that are not
/// virtual services of the mesh (`ALLOW_ALL`) or answers them 404 `NR` (`DROP_ALL`, the default).
public enum EgressFilter: String, Sendable, CaseIterable {
  case allowAll = "ALLOW_ALL"
  case dropAll = "DROP_ALL"
}
