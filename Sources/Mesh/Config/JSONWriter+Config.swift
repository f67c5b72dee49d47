import Telemetry

/// Shorthands for writing configuration documents back as JSON (`/config_dump`, the lab API).
extension JSONWriter {
  mutating func field(_ name: String, _ value: String) {
    key(name)
    string(value)
  }

  mutating func field(_ name: String, _ value: Int) {
    key(name)
    int(value)
  }

  mutating func field(_ name: String, _ value: Double) {
    key(name)
    value.rounded() == value && abs(value) < 1e15 ? int(Int(value)) : double(value)
  }

  mutating func field(_ name: String, _ value: Bool) {
    key(name)
    bool(value)
  }

  mutating func field(_ name: String, _ duration: MeshDuration) {
    key(name)
    duration.write(to: &self)
  }

  /// `"name": {…}` with the members `body` writes.
  mutating func object(_ name: String, _ body: (inout JSONWriter) -> Void) {
    key(name)
    beginObject()
    body(&self)
    endObject()
  }

  /// `"name": [{…}, …]`, one object per item.
  mutating func objects<Item>(
    _ name: String, _ items: [Item], _ body: (inout JSONWriter, Item) -> Void
  ) {
    key(name)
    beginArray()
    for item in items {
      beginObject()
      body(&self, item)
      endObject()
    }
    endArray()
  }
}
