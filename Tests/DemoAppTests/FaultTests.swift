import Testing

@testable import DemoApp

@Suite struct FaultTests {
  private func object(_ text: String) throws -> [String: JSONValue] {
    guard case .object(let object) = try JSONParser.parse(Array(text.utf8)) else {
      Issue.record("not an object: \(text)")
      return [:]
    }
    return object
  }

  @Test(arguments: [
    (FaultKind.latency, #"{"fixed_ms": 30000, "jitter_ms": 0, "percent": 100}"#),
    (.errors, #"{"status": 503, "percent": 0}"#),
    (.crash, #"{"exit_code": 255, "after_requests": 1000000}"#),
    (.memoryLeak, #"{"mb_per_second": 1}"#),
    (.cpuHog, #"{"percent": 100}"#),
    (.failingHealth, "{}"),
    (.logFlood, #"{"lines_per_second": 10000}"#),
  ])
  func fault_acceptsValuesInsideTheirRanges(kind: FaultKind, body: String) throws {
    let fault = try Fault(kind: kind, object: object(body))
    #expect(fault.kind == kind)
    #expect(fault.values.count == kind.parameters.count)
  }

  @Test(arguments: [
    (FaultKind.latency, #"{"fixed_ms": 60001, "jitter_ms": 0, "percent": 100}"#, "fixed_ms"),
    (.latency, #"{"fixed_ms": 10, "jitter_ms": -1, "percent": 100}"#, "jitter_ms"),
    (.latency, #"{"fixed_ms": 10, "jitter_ms": 0}"#, "percent"),
    (.latency, #"{"fixed_ms": 10, "jitter_ms": 0, "percent": 100, "extra": 1}"#, "extra"),
    (.errors, #"{"status": 399, "percent": 10}"#, "status"),
    (.errors, #"{"status": "500", "percent": 10}"#, "status"),
    (.errors, #"{"status": 500, "percent": 10.5}"#, "percent"),
    (.errors, #"{"status": 500, "percent": true}"#, "percent"),
    (.crash, #"{"exit_code": 0, "after_requests": 0}"#, "exit_code"),
    (.crash, #"{"exit_code": 1, "after_requests": 1000001}"#, "after_requests"),
    (.memoryLeak, #"{"mb_per_second": 257}"#, "mb_per_second"),
    (.cpuHog, #"{"percent": 0}"#, "percent"),
    (.failingHealth, #"{"percent": 1}"#, "percent"),
    (.logFlood, #"{"lines_per_second": null}"#, "lines_per_second"),
  ])
  func fault_refusesBadParametersNamingTheField(kind: FaultKind, body: String, field: String) throws
  {
    let parsed = try object(body)
    #expect(throws: FaultParameterError.self) { try Fault(kind: kind, object: parsed) }
    do {
      _ = try Fault(kind: kind, object: parsed)
    } catch {
      #expect(error.field == field)
      #expect(error.description.hasPrefix("\(field): "))
    }
  }

  @Test func faultKind_catalogListsEveryKindWithDefaultsInRange() {
    for kind in FaultKind.allCases {
      for parameter in kind.parameters { #expect(parameter.range.contains(parameter.defaultValue)) }
    }
    let catalog = String(decoding: FaultKind.catalogJSON, as: UTF8.self)
    for kind in FaultKind.allCases { #expect(catalog.contains(#""kind":"\#(kind.rawValue)""#)) }
    #expect(catalog.contains(#"{"name":"fixed_ms","min":0,"max":60000,"default":1000}"#))
  }
}
