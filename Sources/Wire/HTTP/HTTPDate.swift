import Glibc

/// IMF-fixdate, the one date format HTTP senders use (RFC 9110 §5.6.7):
/// `Sun, 06 Nov 1994 08:49:37 GMT`.
public enum HTTPDate {
  private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// Formats seconds since the Unix epoch.
  public static func format(_ epochSeconds: Int) -> String {
    var time = time_t(epochSeconds)
    var parts = tm()
    gmtime_r(&time, &parts)
    func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return
      "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
      + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
  }

  private static let longDays = [
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
  ]

  /// Parses an HTTP date: IMF-fixdate, or one of the two obsolete forms recipients must still
  /// accept (RFC 9110 §5.6.7): rfc850-date (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime-date
  /// (`Sun Nov  6 08:49:37 1994`). `nil` for anything else.
  public static func parse(_ text: String) -> Int? {
    let fields = text.split(separator: " ", omittingEmptySubsequences: true)
    if fields.count == 6, fields[0].hasSuffix(","), days.contains(String(fields[0].dropLast())),
      fields[5] == "GMT", fields[1].count == 2, fields[3].count == 4, let year = Int32(fields[3])
    {
      return epoch(year: year, month: fields[2], day: fields[1], clock: fields[4])
    }
    if fields.count == 4, fields[0].hasSuffix(","), longDays.contains(String(fields[0].dropLast())),
      fields[3] == "GMT"
    {
      let date = fields[1].split(separator: "-", omittingEmptySubsequences: false)
      guard date.count == 3, date[0].count == 2, date[2].count == 2, let twoDigits = Int32(date[2])
      else {
        return nil
      }
      return epoch(year: fullYear(twoDigits), month: date[1], day: date[0], clock: fields[2])
    }
    if fields.count == 5, days.contains(String(fields[0])), (1...2).contains(fields[2].count),
      fields[4].count == 4, let year = Int32(fields[4])
    {
      return epoch(year: year, month: fields[1], day: fields[2], clock: fields[3])
    }
    return nil
  }

  /// RFC 9110 §5.6.7: a two-digit year more than 50 years in the future means the most
  /// recent past year with those digits.
  private static func fullYear(_ twoDigits: Int32) -> Int32 {
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    let current = parts.tm_year + 1900
    var year = current - current % 100 + twoDigits
    if year > current + 50 { year -= 100 }
    return year
  }

  private static func epoch(year: Int32, month: Substring, day: Substring, clock: Substring) -> Int?
  {
    let time = clock.split(separator: ":", omittingEmptySubsequences: false)
    guard let monthIndex = months.firstIndex(of: String(month)), let day = Int32(day),
      time.count == 3, time.allSatisfy({ $0.count == 2 }), let hour = Int32(time[0]),
      let minute = Int32(time[1]), let second = Int32(time[2]),
      (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
      (0...60).contains(second)
    else { return nil }
    var parts = tm()
    parts.tm_year = year - 1900
    parts.tm_mon = Int32(monthIndex)
    parts.tm_mday = day
    parts.tm_hour = hour
    parts.tm_min = minute
    parts.tm_sec = second
    return Int(timegm(&parts))
  }
}
