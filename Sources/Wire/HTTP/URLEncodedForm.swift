/// The `name=value&…` pairs of a URL query or an `application/x-www-form-urlencoded` body
/// (WHATWG URL Standard §5.1, "application/x-www-form-urlencoded parsing"): pairs split on
/// `&` with empty ones skipped, a pair without `=` has an empty value, `+` is a space and
/// `%XX` a byte — a `%` not followed by two hex digits stays as it is — and the bytes are
/// UTF-8. Bounded by the caller's field count; a name or value that is not UTF-8 is refused.
public struct URLEncodedForm: Sendable, Equatable {
  public struct Field: Sendable, Equatable {
    public let name: String
    public let value: String
  }

  /// Why a form was refused.
  public enum Failure: Error, Equatable, CustomStringConvertible {
    case tooLong(limit: Int)
    case tooManyFields(limit: Int)
    /// A name or value (the name, when it was readable) is not valid UTF-8.
    case notUTF8(name: String?)

    public var description: String {
      switch self {
      case .tooLong(let limit): "longer than \(limit) bytes"
      case .tooManyFields(let limit): "more than \(limit) fields"
      case .notUTF8(let name?): "\(name) is not valid UTF-8"
      case .notUTF8(nil): "a field name is not valid UTF-8"
      }
    }
  }

  /// The fields in the order sent, duplicates kept.
  public let fields: [Field]

  /// A request's query (without the `?`); an absent one has no fields.
  public init(query: Substring?, maxBytes: Int, maxFields: Int) throws(Failure) {
    try self.init(parsing: (query ?? "").utf8, maxBytes: maxBytes, maxFields: maxFields)
  }

  public init(parsing bytes: some Collection<UInt8>, maxBytes: Int, maxFields: Int)
    throws(Failure)
  {
    guard bytes.count <= maxBytes else { throw .tooLong(limit: maxBytes) }
    var fields: [Field] = []
    for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
      guard fields.count < maxFields else { throw .tooManyFields(limit: maxFields) }
      let equals = pair.firstIndex(of: UInt8(ascii: "="))
      guard let name = Self.decode(pair[..<(equals ?? pair.endIndex)]) else {
        throw .notUTF8(name: nil)
      }
      var value = ""
      if let equals {
        guard let decoded = Self.decode(pair[pair.index(after: equals)...]) else {
          throw .notUTF8(name: name)
        }
        value = decoded
      }
      fields.append(Field(name: name, value: value))
    }
    self.fields = fields
  }

  /// The first value of `name`, or nil.
  public subscript(name: String) -> String? {
    fields.first { $0.name == name }?.value
  }

  /// One percent-decoded name or value; nil when the bytes are not UTF-8.
  private static func decode(_ encoded: some Collection<UInt8>) -> String? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(encoded.count)
    var index = encoded.startIndex
    while index != encoded.endIndex {
      let byte = encoded[index]
      encoded.formIndex(after: &index)
      switch byte {
      case UInt8(ascii: "+"):
        bytes.append(UInt8(ascii: " "))
      case UInt8(ascii: "%"):
        let rest = encoded[index...]
        if let high = rest.first.flatMap(HTTPGrammar.hexValue),
          let low = rest.dropFirst().first.flatMap(HTTPGrammar.hexValue)
        {
          bytes.append(UInt8(high << 4 | low))
          encoded.formIndex(&index, offsetBy: 2)
        } else {
          bytes.append(byte)
        }
      default:
        bytes.append(byte)
      }
    }
    return String(validating: bytes, as: UTF8.self)
  }
}
