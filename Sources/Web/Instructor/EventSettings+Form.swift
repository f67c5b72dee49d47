import Wire

extension EventSettings {
  /// The settings an instructor sent in the event form; every field is checked and a wrong one
  /// is named in a 400. `labs` lists lab ids one per line or comma-separated, in the order to
  /// serve them; each must be one of `servedLabs`.
  init(form: FormData, id: Int64?, servedLabs: [String]) throws(HTTPError) {
    let name = try DisplayName.validate(form["name"] ?? "")
    guard let code = EventCode.normalize(form["code"] ?? "") else {
      throw HTTPError(.badRequest, "join code must be 6 to 8 letters or digits")
    }
    let opens = try Self.time(form["opens"], field: "opens")
    let closes = try Self.time(form["closes"], field: "closes")
    if let opens, let closes, closes <= opens {
      throw HTTPError(.badRequest, "closes must be after opens")
    }
    var capacity: Int?
    if let text = form["capacity"]?.trimmingASCIISpaces(), !text.isEmpty {
      guard text.utf8.count <= 6, let number = Int(text), (1...Self.maxCapacity).contains(number)
      else { throw HTTPError(.badRequest, "capacity must be empty or 1 to \(Self.maxCapacity)") }
      capacity = number
    }
    let idleText = (form["idle"] ?? "").trimmingASCIISpaces()
    guard idleText.utf8.count <= 6, let idle = Int(idleText), Self.idleStopRange.contains(idle)
    else {
      throw HTTPError(
        .badRequest,
        "idle stop must be \(Self.idleStopRange.lowerBound) to \(Self.idleStopRange.upperBound) minutes"
      )
    }
    self.init(
      id: id, name: name, code: code, opensAt: opens, closesAt: closes, capacity: capacity,
      labs: try Self.labs(form["labs"] ?? "", servedLabs: servedLabs),
      solverAllowed: form["solver"] != nil, idleStopMinutes: idle)
  }

  /// An optional time field: empty is `nil`, else `YYYY-MM-DDTHH:MM` UTC.
  private static func time(_ text: String?, field: String) throws(HTTPError) -> Double? {
    let trimmed = String((text ?? "").trimmingASCIISpaces())
    guard !trimmed.isEmpty else { return nil }
    guard let time = UTCMinute.parse(trimmed) else {
      throw HTTPError(.badRequest, "\(field) must be a date and time like 2026-11-28T09:30 (UTC)")
    }
    return time
  }

  /// The lab ids in order: known, each once, at most ``maxLabs``.
  private static func labs(_ text: String, servedLabs: [String]) throws(HTTPError) -> [String] {
    guard text.utf8.count <= 8 * 1024 else { throw HTTPError(.badRequest, "labs: list too long") }
    let ids = text.split { $0 == "\n" || $0 == "\r" || $0 == "," }
      .map { String($0.trimmingASCIISpaces()) }.filter { !$0.isEmpty }
    guard ids.count <= maxLabs else {
      throw HTTPError(.badRequest, "labs: at most \(maxLabs) labs")
    }
    var seen = Set<String>()
    for id in ids {
      guard servedLabs.contains(id) else {
        throw HTTPError(.badRequest, "labs: no lab '\(id.prefix(100))' is served")
      }
      guard seen.insert(id).inserted else {
        throw HTTPError(.badRequest, "labs: '\(id.prefix(100))' is listed twice")
      }
    }
    return ids
  }
}
