import Telemetry

extension Fault {
  /// Writes `{"kind": …, "params": {name: value, …}}`, parameters in catalog order.
  func write(to writer: inout JSONWriter) {
    writer.beginObject()
    writer.key("kind")
    writer.string(kind.rawValue)
    writer.key("params")
    writer.beginObject()
    for parameter in kind.parameters {
      writer.key(parameter.name)
      writer.int(self[parameter.name])
    }
    writer.endObject()
    writer.endObject()
  }
}
