import Foundation
import LogRouter

extension StoredLog {
  /// The API's shape of one record: `{"id", "time" (RFC 3339), "timeMs", "container", "source",
  /// "log", "fields"}`; `fields` is the whole FireLens record as stored.
  var json: [String: Any] {
    let fields = (try? JSONSerialization.jsonObject(with: Data(record.utf8))) as? [String: Any]
    return [
      "id": Int(id), "time": ISOTime.string(time), "timeMs": Int64((time * 1000).rounded()),
      "container": container, "source": source, "log": message, "fields": fields ?? [:],
    ]
  }

  /// The live tail's message for this record: its element id, time, container, source and
  /// the line in ``MarkedText`` pieces (the script inserts them as text).
  func tailJSON(pattern: FilterPattern) -> [String: Any] {
    [
      "id": LogsPage.elementID(self), "time": ISOTime.string(time), "container": container,
      "source": source, "pieces": MarkedText(message, pattern: pattern).json,
    ]
  }
}
