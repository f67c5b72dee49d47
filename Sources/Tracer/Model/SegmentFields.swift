/// The members of a segment document (or of one of its subsegments) that ``SegmentDecoder``'s
/// rules read, as they were written: `nil` when absent, so the rules can tell a missing member
/// from one of the wrong type. A repeated member counts once, the first time, as
/// ``JSONValue/subscript(_:)`` reads it.
struct SegmentFields {
  /// False for a subsegment that is not an object.
  var isObject = true
  var traceID: JSONScalar?
  var id: JSONScalar?
  var parentID: JSONScalar?
  var type: JSONScalar?
  var namespace: JSONScalar?
  var name: JSONScalar?
  var origin: JSONScalar?
  var startTime: JSONScalar?
  var endTime: JSONScalar?
  var inProgress: JSONScalar?
  var fault: JSONScalar?
  var error: JSONScalar?
  var throttle: JSONScalar?
  var http: HTTPFields?
  var annotations: AnnotationFields?
  var subsegments: SubsegmentList?

  /// `http`: `request` and `response`, each an object when `isObject`.
  struct HTTPFields {
    var isObject = true
    var request: HTTPMessageFields?
    var response: HTTPMessageFields?
  }

  /// `http.request{method, url, user_agent, client_ip}` or `http.response{status,
  /// content_length}`.
  struct HTTPMessageFields {
    var isObject = true
    var method: JSONScalar?
    var url: JSONScalar?
    var userAgent: JSONScalar?
    var clientIP: JSONScalar?
    var status: JSONScalar?
    var contentLength: JSONScalar?
  }

  /// `annotations`: every member in order (up to one more than the rules allow) and how many
  /// there were.
  struct AnnotationFields {
    static let kept = 51
    static let usualCount = 8
    var isObject = true
    var members: [(key: String, value: JSONScalar)] = []
    var count = 0
  }

  /// `subsegments`: an array when `isArray`.
  struct SubsegmentList {
    static let usualCount = 4
    var isArray = true
    var elements: [SegmentFields] = []
  }
}

extension SegmentFields {
  /// Reads the object at the reader's position, an object at `depth` as ``JSONParser`` counts.
  init(reading reader: inout JSONReader, depth: Int) throws(JSONParseError) {
    guard try reader.enterObject(depth: depth) else { return }
    let inner = depth + 1
    repeat {
      switch try reader.memberName(SegmentKey.init) {
      case .traceID where traceID == nil: traceID = try reader.scalar(depth: inner)
      case .id where id == nil: id = try reader.scalar(depth: inner)
      case .parentID where parentID == nil: parentID = try reader.scalar(depth: inner)
      case .type where type == nil: type = try reader.scalar(depth: inner)
      case .namespace where namespace == nil: namespace = try reader.scalar(depth: inner)
      case .name where name == nil: name = try reader.scalar(depth: inner)
      case .origin where origin == nil: origin = try reader.scalar(depth: inner)
      case .startTime where startTime == nil: startTime = try reader.scalar(depth: inner)
      case .endTime where endTime == nil: endTime = try reader.scalar(depth: inner)
      case .inProgress where inProgress == nil: inProgress = try reader.scalar(depth: inner)
      case .fault where fault == nil: fault = try reader.scalar(depth: inner)
      case .error where error == nil: error = try reader.scalar(depth: inner)
      case .throttle where throttle == nil: throttle = try reader.scalar(depth: inner)
      case .http where http == nil: http = try HTTPFields(reading: &reader, depth: inner)
      case .annotations where annotations == nil:
        annotations = try AnnotationFields(reading: &reader, depth: inner)
      case .subsegments where subsegments == nil:
        subsegments = try SubsegmentList(reading: &reader, depth: inner)
      default: try reader.skipValue(depth: inner)
      }
    } while try reader.nextMember()
  }
}

extension SegmentFields.HTTPFields {
  init(reading reader: inout JSONReader, depth: Int) throws(JSONParseError) {
    guard let hasMembers = try reader.enterObjectOrSkip(depth: depth) else {
      isObject = false
      return
    }
    guard hasMembers else { return }
    repeat {
      switch try reader.memberName(SegmentKey.init) {
      case .request where request == nil:
        request = try SegmentFields.HTTPMessageFields(reading: &reader, depth: depth + 1)
      case .response where response == nil:
        response = try SegmentFields.HTTPMessageFields(reading: &reader, depth: depth + 1)
      default: try reader.skipValue(depth: depth + 1)
      }
    } while try reader.nextMember()
  }
}

extension SegmentFields.HTTPMessageFields {
  init(reading reader: inout JSONReader, depth: Int) throws(JSONParseError) {
    guard let hasMembers = try reader.enterObjectOrSkip(depth: depth) else {
      isObject = false
      return
    }
    guard hasMembers else { return }
    let inner = depth + 1
    repeat {
      switch try reader.memberName(SegmentKey.init) {
      case .method where method == nil: method = try reader.scalar(depth: inner)
      case .url where url == nil: url = try reader.scalar(depth: inner)
      case .userAgent where userAgent == nil: userAgent = try reader.scalar(depth: inner)
      case .clientIP where clientIP == nil: clientIP = try reader.scalar(depth: inner)
      case .status where status == nil: status = try reader.scalar(depth: inner)
      case .contentLength where contentLength == nil:
        contentLength = try reader.scalar(depth: inner)
      default: try reader.skipValue(depth: inner)
      }
    } while try reader.nextMember()
  }
}

extension SegmentFields.AnnotationFields {
  init(reading reader: inout JSONReader, depth: Int) throws(JSONParseError) {
    guard let hasMembers = try reader.enterObjectOrSkip(depth: depth) else {
      isObject = false
      return
    }
    guard hasMembers else { return }
    // One allocation for the usual handful (appending one by one regrows the array).
    members.reserveCapacity(Self.usualCount)
    repeat {
      let key = try reader.memberName { String(decoding: $0, as: UTF8.self) } ?? ""
      let value = try reader.scalar(depth: depth + 1)
      count += 1
      if count <= Self.kept { members.append((key, value)) }
    } while try reader.nextMember()
  }
}

extension SegmentFields.SubsegmentList {
  init(reading reader: inout JSONReader, depth: Int) throws(JSONParseError) {
    guard try reader.peek() == UInt8(ascii: "[") else {
      isArray = false
      try reader.skipValue(depth: depth)
      return
    }
    guard try reader.enterArray(depth: depth) else { return }
    // One allocation for the usual few (appending one by one regrows and copies the array).
    elements.reserveCapacity(Self.usualCount)
    repeat {
      if try reader.peek() == UInt8(ascii: "{") {
        elements.append(try SegmentFields(reading: &reader, depth: depth + 1))
      } else {
        try reader.skipValue(depth: depth + 1)
        var notAnObject = SegmentFields()
        notAnObject.isObject = false
        elements.append(notAnObject)
      }
    } while try reader.nextElement()
  }
}
