/// Calendar arithmetic for access log timestamps, done on integers so that the request path
/// needs no Foundation formatter.
enum UTCTime {
  /// Appends `2019-07-16T19:45:24.233Z` (Envoy's default `%Y-%m-%dT%H:%M:%E3SZ`) for a time
  /// given in nanoseconds since the Unix epoch.
  static func appendISO8601(_ nanoseconds: UInt64, to bytes: inout [UInt8]) {
    let millis = nanoseconds / 1_000_000
    let seconds = millis / 1000
    let days = Int64(seconds / 86_400)
    let secondOfDay = Int(seconds % 86_400)
    let (year, month, day) = civil(daysSinceEpoch: days)
    appendDigits(Int(year), width: 4, to: &bytes)
    bytes.append(UInt8(ascii: "-"))
    appendDigits(month, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: "-"))
    appendDigits(day, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: "T"))
    appendDigits(secondOfDay / 3600, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    appendDigits(secondOfDay / 60 % 60, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    appendDigits(secondOfDay % 60, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: "."))
    appendDigits(Int(millis % 1000), width: 3, to: &bytes)
    bytes.append(UInt8(ascii: "Z"))
  }

  /// The proleptic Gregorian date of a day count from 1970-01-01, by splitting time into
  /// 400-year eras of 146 097 days that start on 1 March (so leap days fall at an era's end).
  static func civil(daysSinceEpoch days: Int64) -> (year: Int64, month: Int, day: Int) {
    let shifted = days + 719_468  // days from 0000-03-01 to 1970-01-01
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthFromMarch = (5 * dayOfYear + 2) / 153
    let day = Int(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1)
    let month = Int(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9)
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }

  /// Appends a non-negative number, left-padded with zeros to `width` digits.
  static func appendDigits(_ value: Int, width: Int, to bytes: inout [UInt8]) {
    var divisor = 1
    for _ in 1..<width { divisor *= 10 }
    var rest = value
    while divisor > 0 {
      bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
      rest %= divisor
      divisor /= 10
    }
  }
}
