import Metrics
import Wire

/// The time window a traces page shows: the last `minutes` before now (1 to a day, default 15,
/// as the X-Ray console's service map opens).
struct TraceWindow: Sendable, Equatable {
  static let defaultMinutes = 15
  static let maxMinutes = 1440
  /// The windows offered in the pages' forms.
  static let choices = [5, 15, 60, 360, 1440]

  let minutes: Int
  /// The window's end, Unix seconds.
  let end: Double

  var start: Double { end - Double(minutes) * 60 }

  /// The last `minutes` before `now`.
  init(minutes: Int = defaultMinutes, now: Double) {
    self.minutes = minutes
    end = now
  }

  /// Reads `minutes` from a page's query; 400 when it is not a whole number from 1 to a day.
  init(_ parameters: QueryParameters, now: Double) throws(HTTPError) {
    end = now
    guard let text = parameters["minutes"], !text.isEmpty else {
      minutes = Self.defaultMinutes
      return
    }
    guard text.utf8.count <= 4, let value = Int(text), (1...Self.maxMinutes).contains(value) else {
      throw HTTPError(.badRequest, "minutes must be a whole number from 1 to \(Self.maxMinutes)")
    }
    minutes = value
  }

  /// A `<select name="minutes">` with the choices, this window's length selected.
  var select: String {
    let options = (Set(Self.choices + [minutes])).sorted().map { value in
      let label = value % 60 == 0 ? "\(value / 60) h" : "\(value) min"
      let selected = value == minutes ? " selected" : ""
      return #"<option value="\#(value)"\#(selected)>\#(label)</option>"#
    }
    return #"<label>Last <select name="minutes">\#(options.joined())</select></label>"#
  }
}
