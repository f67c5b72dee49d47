extension Segment {
  /// The segment document: `name, id, trace_id` (X-Ray form), `parent_id`, `start_time`,
  /// `end_time` or `in_progress`, `http`, the flags, `annotations`, `metadata{"default":{…}}`,
  /// `origin`, `aws{ecs{container, container_id}}`, `subsegments` (developer guide, "Segment
  /// documents"). Optional parts are written only when set.
  public func jsonDocument() -> [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writeCommonFields(to: &writer) { writer in
      writer.key("trace_id")
      writer.string(traceID.xray)
      if let parentID {
        writer.key("parent_id")
        writer.string(parentID.hex)
      }
    }
    writeAnnotations(to: &writer)
    writeMetadata(to: &writer)
    if let origin {
      writer.key("origin")
      writer.string(origin)
    }
    if let ecs {
      writer.key("aws")
      writer.beginObject()
      writer.key("ecs")
      writer.beginObject()
      writer.key("container")
      writer.string(ecs.container)
      writer.key("container_id")
      writer.string(ecs.containerID)
      writer.endObject()
      writer.endObject()
    }
    writeSubsegments(to: &writer)
    writer.endObject()
    return writer.bytes
  }

  /// Annotation keys may hold only ASCII letters, digits and `_`, to work in filter expressions
  /// (developer guide, "Segment fields: annotations"); as the X-Ray SDKs do, an annotation with
  /// any other key is left out. A key seen again replaces the earlier value in place, so the
  /// object never repeats a name.
  private func writeAnnotations(to writer: inout JSONWriter) {
    var merged: [Annotation] = []
    for annotation in annotations where Self.isValidAnnotationKey(annotation.key) {
      if let index = merged.firstIndex(where: { $0.key == annotation.key }) {
        merged[index].value = annotation.value
      } else {
        merged.append(annotation)
      }
    }
    guard !merged.isEmpty else { return }
    writer.key("annotations")
    writer.beginObject()
    for annotation in merged {
      writer.key(annotation.key)
      annotation.value.write(to: &writer)
    }
    writer.endObject()
  }

  static func isValidAnnotationKey(_ key: String) -> Bool {
    !key.isEmpty
      && key.utf8.allSatisfy { byte in
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
          UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
          true
        default: false
        }
      }
  }

  /// `"metadata": {"default": {…}}`, keys sorted so equal segments give equal documents.
  private func writeMetadata(to writer: inout JSONWriter) {
    guard !metadata.isEmpty else { return }
    writer.key("metadata")
    writer.beginObject()
    writer.key("default")
    writer.beginObject()
    for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
      writer.key(key)
      writer.string(value)
    }
    writer.endObject()
    writer.endObject()
  }
}
