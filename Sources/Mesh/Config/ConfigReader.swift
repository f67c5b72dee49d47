/// Reads one node of a configuration document, tracking its path so that every error names
/// the field at fault. Every read is bounded: lengths, counts and numeric ranges are checked.
struct ConfigReader {
  let value: JSONValue
  let path: String

  init(_ value: JSONValue, path: String) {
    self.value = value
    self.path = path
  }

  func error(_ message: String) -> MeshConfigError {
    MeshConfigError(path: path, message: message)
  }

  private func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  /// The members of an object, rejecting any member not in `allowed` (a misspelt field would
  /// otherwise be ignored silently). Resources also allow App Mesh's read-only `metadata` and
  /// `status` (so a `describe-*` answer can be pasted back), which are ignored.
  func members(allowed: Set<String>) throws(MeshConfigError) -> [String: JSONValue] {
    guard case .object(let members) = value else {
      throw error("must be an object, not \(value.kind)")
    }
    if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
      throw MeshConfigError(path: childPath(unknown), message: "unknown field")
    }
    return members
  }

  /// The member `key`, or `nil` when it is absent or `null`.
  func optional(_ key: String) throws(MeshConfigError) -> ConfigReader? {
    guard case .object(let members) = value else {
      throw error("must be an object, not \(value.kind)")
    }
    guard let child = members[key] else { return nil }
    if case .null = child { return nil }
    return ConfigReader(child, path: childPath(key))
  }

  /// The member `key`, which must be present.
  func required(_ key: String) throws(MeshConfigError) -> ConfigReader {
    guard let child = try optional(key) else {
      throw MeshConfigError(path: childPath(key), message: "required")
    }
    return child
  }

  /// A string of `length` UTF-8 bytes.
  func string(length: ClosedRange<Int> = 1...255) throws(MeshConfigError) -> String {
    guard case .string(let text) = value else { throw error("must be a string, not \(value.kind)") }
    guard length.contains(text.utf8.count) else {
      throw error("length must be \(length.lowerBound)...\(length.upperBound)")
    }
    return text
  }

  /// A resource name as App Mesh allows them: 1–255 letters, digits, `-`, `_` and `.`.
  func name() throws(MeshConfigError) -> String {
    let text = try string()
    let allowed = text.utf8.allSatisfy { byte in
      Self.isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        || byte == UInt8(ascii: ".")
    }
    guard allowed else { throw error("must hold only letters, digits, '-', '_' and '.'") }
    return text
  }

  /// A header field name: a token (RFC 9110 §5.1, §5.6.2) of 1–50 bytes, as App Mesh bounds it.
  func headerName() throws(MeshConfigError) -> String {
    let text = try string(length: 1...50)
    guard text.utf8.allSatisfy(Self.isTokenByte) else {
      throw error("must be a header field name (RFC 9110 §5.6.2 token)")
    }
    return text
  }

  private static func isAlphanumeric(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
  }

  /// RFC 9110 §5.6.2: `tchar`.
  private static func isTokenByte(_ byte: UInt8) -> Bool {
    isAlphanumeric(byte) || "!#$%&'*+-.^_`|~".utf8.contains(byte)
  }

  func int(in range: ClosedRange<Int>) throws(MeshConfigError) -> Int {
    let number: Int
    switch value {
    case .int(let whole): number = whole
    case .double(let real) where real.rounded() == real && abs(real) < 1e15: number = Int(real)
    default: throw error("must be a whole number, not \(value.kind)")
    }
    guard range.contains(number) else {
      throw error("must be \(range.lowerBound)...\(range.upperBound)")
    }
    return number
  }

  func double(in range: ClosedRange<Double>) throws(MeshConfigError) -> Double {
    let number: Double
    switch value {
    case .int(let whole): number = Double(whole)
    case .double(let real): number = real
    default: throw error("must be a number, not \(value.kind)")
    }
    guard range.contains(number) else {
      throw error("must be \(range.lowerBound.formatted)...\(range.upperBound.formatted)")
    }
    return number
  }

  func bool() throws(MeshConfigError) -> Bool {
    guard case .bool(let flag) = value else {
      throw error("must be true or false, not \(value.kind)")
    }
    return flag
  }

  /// The elements of an array of `count` elements, each with its `[index]` path.
  func array(count: ClosedRange<Int>) throws(MeshConfigError) -> [ConfigReader] {
    guard case .array(let elements) = value else {
      throw error("must be an array, not \(value.kind)")
    }
    guard count.contains(elements.count) else {
      throw error("must have \(count.lowerBound)...\(count.upperBound) elements")
    }
    return elements.enumerated().map { ConfigReader($1, path: "\(path)[\($0)]") }
  }

  /// One of `choices`, by its raw value.
  func choice<T: RawRepresentable & CaseIterable>(_: T.Type) throws(MeshConfigError) -> T
  where T.RawValue == String {
    let text = try string()
    guard let picked = T(rawValue: text) else {
      throw error(
        "must be one of \(T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))")
    }
    return picked
  }
}

extension Double {
  /// Whole numbers without a fraction (`100`, not `100.0`), for messages.
  fileprivate var formatted: String {
    rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self)
  }
}
