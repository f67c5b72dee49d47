import Synchronization

/// The alarms of one sandbox: created, replaced and deleted by name (PutMetricAlarm,
/// DeleteAlarms), evaluated against the store on its clock, each with a bounded history.
public final class AlarmRegistry: Sendable {
  public static let maxAlarms = 100
  public static let maxHistory = 100

  private let store: MetricStore
  private let alarms = Mutex<[String: AlarmStatus]>([:])

  public init(store: MetricStore) {
    self.store = store
  }

  /// Creates or replaces an alarm. A new alarm starts in INSUFFICIENT_DATA (as in
  /// CloudWatch); a replaced one keeps its state and history until the next evaluation.
  /// - Returns: true when the alarm is new.
  @discardableResult
  public func put(_ definition: AlarmDefinition) throws(AlarmDefinitionError) -> Bool {
    let now = store.clock.now()
    return try alarms.withLock { alarms throws(AlarmDefinitionError) in
      if var existing = alarms[definition.alarmName] {
        existing.definition = definition
        Self.append(
          AlarmTransition(
            time: now, kind: .configurationUpdate, oldState: existing.state,
            newState: existing.state, reason: "Alarm definition replaced"), to: &existing)
        alarms[definition.alarmName] = existing
        return false
      }
      guard alarms.count < Self.maxAlarms else {
        throw AlarmDefinitionError(field: "AlarmName", "at most \(Self.maxAlarms) alarms")
      }
      alarms[definition.alarmName] = AlarmStatus(
        definition: definition, state: .insufficientData,
        reason: "Unchecked: Initial alarm creation",
        updated: now,
        history: [
          AlarmTransition(
            time: now, kind: .configurationUpdate, oldState: nil, newState: .insufficientData,
            reason: "Alarm created")
        ])
      return true
    }
  }

  /// Deletes an alarm and its history; false when there was none.
  @discardableResult
  public func delete(_ name: String) -> Bool {
    alarms.withLock { $0.removeValue(forKey: name) != nil }
  }

  public func alarm(named name: String) -> AlarmStatus? {
    alarms.withLock { $0[name] }
  }

  /// Every alarm, by name.
  public func all() -> [AlarmStatus] {
    alarms.withLock { Array($0.values) }.sorted {
      $0.definition.alarmName < $1.definition.alarmName
    }
  }

  /// Evaluates every alarm on the last `EvaluationPeriods` whole periods before now and
  /// records the transitions.
  public func evaluate() {
    let now = store.clock.now()
    let definitions = alarms.withLock { $0.values.map(\.definition) }
    var outcomes: [(AlarmDefinition, [Double?])] = []
    for definition in definitions {
      let period = Int64(definition.period)
      let lastEnd = Int64(now.rounded(.down)) / period * period
      let points = (0..<Int64(definition.evaluationPeriods)).map { index -> Double? in
        let start = lastEnd - (Int64(definition.evaluationPeriods) - index) * period
        return store.aggregate(
          name: definition.metricName, labels: definition.dimensions,
          statistic: definition.statistic, start: start, end: start + period)
      }
      outcomes.append((definition, points))
    }
    alarms.withLock { alarms in
      for (definition, points) in outcomes {
        guard var status = alarms[definition.alarmName], status.definition == definition else {
          continue
        }
        let (state, reason) = AlarmEvaluator.evaluate(
          points, definition: definition, current: status.state)
        guard state != status.state else { continue }
        Self.append(
          AlarmTransition(
            time: now, kind: .stateUpdate, oldState: status.state, newState: state, reason: reason),
          to: &status)
        status.state = state
        status.reason = reason
        status.updated = now
        alarms[definition.alarmName] = status
      }
    }
  }

  private static func append(_ transition: AlarmTransition, to status: inout AlarmStatus) {
    status.history.append(transition)
    if status.history.count > maxHistory { status.history.removeFirst() }
  }
}
