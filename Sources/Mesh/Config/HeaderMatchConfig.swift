import Telemetry

/// One `match.headers[]` entry of an HTTP route (App Mesh `HttpRouteHeader`): the header `name`
/// must match `rule` — or, with `invert`, must not. No rule means the header must be present.
/// A missing header never matches a value rule, inverted or not (Envoy's default, without
/// `treat_missing_header_as_empty`).
public struct HeaderMatchConfig: Sendable, Equatable {
  public enum Rule: Sendable, Equatable {
    case exact(String)
    case prefix(String)
    case suffix(String)
    case regex(MatchPattern)
    /// A whole number in `start..<end` (Envoy `range_match`: start inclusive, end exclusive).
    case range(start: Int, end: Int)
  }

  public var name: String
  public var invert: Bool
  public var rule: Rule?

  public init(name: String, invert: Bool = false, rule: Rule?) {
    self.name = name
    self.invert = invert
    self.rule = rule
  }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: ["name", "invert", "match"])
    name = try reader.required("name").headerName()
    invert = try reader.optional("invert")?.bool() ?? false
    guard let match = try reader.optional("match") else {
      rule = nil
      return
    }
    let members = try match.members(allowed: ["exact", "prefix", "suffix", "regex", "range"])
    guard members.count == 1, let kind = members.keys.first, let value = try match.optional(kind)
    else {
      throw match.error("must name exactly one of exact, prefix, suffix, regex, range")
    }
    switch kind {
    case "exact": rule = .exact(try value.string())
    case "prefix": rule = .prefix(try value.string())
    case "suffix": rule = .suffix(try value.string())
    case "regex": rule = .regex(try MatchPattern(value))
    default:
      _ = try value.members(allowed: ["start", "end"])
      let start = try value.required("start").int(in: Int(Int32.min)...Int(Int32.max))
      let end = try value.required("end").int(in: Int(Int32.min)...Int(Int32.max))
      guard start < end else {
        throw MeshConfigError(path: "\(value.path).end", message: "must be greater than start")
      }
      rule = .range(start: start, end: end)
    }
  }

  func write(to json: inout JSONWriter) {
    json.field("name", name)
    if invert { json.field("invert", true) }
    guard let rule else { return }
    json.object("match") { match in
      switch rule {
      case .exact(let text): match.field("exact", text)
      case .prefix(let text): match.field("prefix", text)
      case .suffix(let text): match.field("suffix", text)
      case .regex(let pattern): match.field("regex", pattern.source)
      case .range(let start, let end):
        match.object("range") { range in
          range.field("start", start)
          range.field("end", end)
        }
      }
    }
  }
}
