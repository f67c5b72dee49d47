/// A value in the lab format's small YAML subset: one scalar or a flow list of scalars.
public enum LabValue: Sendable, Equatable {
  case scalar(String)
  case list([String])
}
