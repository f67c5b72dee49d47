import Telemetry

extension FaultKind {
  /// The catalog the agent and the sandbox page show:
  /// `{"kinds": [{"kind", "summary", "params": [{"name", "min", "max", "default"}]}]}`.
  public static var catalogJSON: [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("kinds")
    writer.beginArray()
    for kind in allCases {
      writer.beginObject()
      writer.key("kind")
      writer.string(kind.rawValue)
      writer.key("summary")
      writer.string(kind.summary)
      writer.key("params")
      writer.beginArray()
      for parameter in kind.parameters {
        writer.beginObject()
        writer.key("name")
        writer.string(parameter.name)
        writer.key("min")
        writer.int(parameter.range.lowerBound)
        writer.key("max")
        writer.int(parameter.range.upperBound)
        writer.key("default")
        writer.int(parameter.defaultValue)
        writer.endObject()
      }
      writer.endArray()
      writer.endObject()
    }
    writer.endArray()
    writer.endObject()
    return writer.bytes
  }
}
