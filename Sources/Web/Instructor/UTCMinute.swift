import Foundation

/// Times as an instructor types them into a form: `YYYY-MM-DDTHH:MM` in UTC, the value of an
/// `<input type="datetime-local">` (HTML Living Standard §2.3.5.5 "local date and time"; we
/// read it as UTC and say so on the form).
enum UTCMinute {
  /// Unix seconds for `text`, or `nil` when it is not a valid date and time from 2000 to 2199.
  static func parse(_ text: String) -> Double? {
    let bytes = Array(text.utf8)
    guard bytes.count == 16 || bytes.count == 19 else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for byte in bytes[range] {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return value
    }
    guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
      bytes.count == 16 || bytes[16] == UInt8(ascii: ":"),
      let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16),
      (2000...2199).contains(year), (1...12).contains(month), (0...23).contains(hour),
      (0...59).contains(minute)
    else { return nil }
    let second = bytes.count == 19 ? number(17..<19) : 0
    guard let second, (0...59).contains(second) else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let components = DateComponents(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    guard let date = calendar.date(from: components),
      calendar.component(.day, from: date) == day
    else { return nil }
    return date.timeIntervalSince1970
  }

  /// `time` (Unix seconds) as `YYYY-MM-DDTHH:MM` UTC.
  static func format(_ time: Double) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents(
      [.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: time))
    func two(_ value: Int?) -> String {
      let number = value ?? 0
      return number < 10 ? "0\(number)" : "\(number)"
    }
    return
      "\(parts.year ?? 1970)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute))"
  }
}
