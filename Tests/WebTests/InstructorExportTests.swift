import Foundation
import Testing
import Wire

@testable import Web

@Suite struct InstructorExportTests {
  static let lab = ProgressSamples.labID

  @Test func csvField_quotesWhatRFC4180AsksAndDefusesFormulas() {
    #expect(CSV.field("plain") == "plain")
    #expect(CSV.field("a,b") == "\"a,b\"")
    #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(CSV.field("two\r\nlines") == "\"two\r\nlines\"")
    #expect(CSV.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
    #expect(CSV.field("@SUM(A1)") == "'@SUM(A1)")
    #expect(CSV.line(["a", "b,c"]) == "a,\"b,c\"\r\n")
  }

  /// Two learners: Ann finished step 1 in 10 minutes and answered step 3 wrong then right
  /// after step 2; "=Bob" only started.
  static func room(_ fixture: WebServerFixture) async throws -> (Int64, Int64) {
    let (_, ann) = try await InstructorSupport.learner(fixture, name: "Ann")
    let (_, bob) = try await InstructorSupport.learner(fixture, name: "=Bob, \"the\" builder")
    let app = fixture.app
    _ = try app.progress.openLab(learnerID: ann, labID: lab)
    _ = try app.progress.openLab(learnerID: bob, labID: lab)
    fixture.clock.advance(by: 600)
    try InstructorBoardTests.complete(fixture, ann, "start-the-sandbox", next: "break-it")
    try InstructorBoardTests.complete(fixture, ann, "break-it", next: "answer-it")
    _ = try app.progress.answer(learnerID: ann, labID: lab, stepID: "answer-it", text: "SIGTERM")
    _ = try app.progress.answer(learnerID: ann, labID: lab, stepID: "answer-it", text: "SIGKILL")
    return (ann, bob)
  }

  @Test func exportCSV_oneRowPerLearnerAndStepWithTimes() async throws {
    try await InstructorBoardTests.withLab { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let (ann, bob) = try await Self.room(fixture)
      let response = try await fixture.send(
        HTTPClientRequest(
          method: .get, target: "/instructor/export.csv",
          headers: [
            "Cookie": instructor.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
          ]))
      #expect(response.status.code == 200)
      #expect(response.headers["Content-Type"]?.hasPrefix("text/csv") == true)
      #expect(response.headers["Content-Disposition"]?.contains("attachment") == true)
      let lines = String(decoding: response.body, as: UTF8.self).components(separatedBy: "\r\n")
      #expect(lines.first == ProgressExport.header.joined(separator: ","))
      #expect(lines.count == 1 + 6 + 1)
      let annFirst = try #require(
        lines.first { $0.hasPrefix("\(ann),Ann,") && $0.contains(",start-the-sandbox,") })
      #expect(annFirst.contains(",done,"))
      #expect(annFirst.contains(",600,"))
      let annAnswer = try #require(
        lines.first { $0.hasPrefix("\(ann),Ann,") && $0.contains(",answer-it,") })
      #expect(annAnswer.hasSuffix(",1,0,false,2,1,SIGKILL"))
      #expect(lines.contains { $0.hasPrefix("\(bob),\"'=Bob, \"\"the\"\" builder\",") })
      #expect(try InstructorSupport.audit(fixture, action: "export.csv").count == 1)
    }
  }

  @Test func exportJSON_rowsWithNumbersAndNulls() async throws {
    try await InstructorBoardTests.withLab { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let (_, bob) = try await Self.room(fixture)
      let page = try await instructor.get("/instructor/export.json")
      #expect(page.status == 200)
      let object = try JSONSerialization.jsonObject(with: Data(page.text.utf8)) as? [String: Any]
      let rows = try #require(object?["rows"] as? [[String: Any]])
      #expect(rows.count == 6)
      let bobLast = try #require(
        rows.first { $0["learner_id"] as? Int == Int(bob) && $0["step"] as? String == "answer-it" })
      #expect(bobLast["state"] as? String == "not-started")
      #expect(bobLast["started_at"] is NSNull)
      #expect((bobLast["joined_at"] as? String)?.hasPrefix("20") == true)
      #expect(bobLast["seconds"] is NSNull)
      #expect(bobLast["solved_by_solver"] as? Bool == false)
      #expect(try await instructor.get("/instructor/export.json?event=abc").status == 404)
    }
  }

  @Test func summary_completionMediansStuckAndWrongAnswers() async throws {
    try await InstructorBoardTests.withLab { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      _ = try await Self.room(fixture)
      let page = try await instructor.get("/instructor/summary")
      #expect(page.status == 200)
      #expect(page.text.contains("<tr><td>Test lab</td><td>1 of 2</td></tr>"))
      #expect(
        page.text.contains("<td>1.1 Start the sandbox</td><td>2</td><td>1</td><td>10 min</td>"))
      #expect(page.text.contains("“sigterm” on 1.3 Answer it: 1×"))
    }
  }

  @Test func eventSummary_countsStuckLearnersPerStep() {
    let column = BoardColumn(
      id: LabStep(lab: "l", step: "a"), labTitle: "L", title: "A", labNumber: 1, stepNumber: 1)
    func learner(_ id: Int64, took seconds: Double?, attempts: Int = 0) -> BoardLearner {
      var record = StepRecord()
      record.startedAt = 0
      record.completedAt = seconds
      record.attempts = attempts
      return BoardLearner(id: id, name: "L\(id)", joinedAt: 0, steps: [column.id: record])
    }
    let summary = EventSummary(
      columns: [column],
      learners: [
        learner(1, took: 300), learner(2, took: 400), learner(3, took: 500),
        learner(4, took: nil), learner(5, took: 350, attempts: 4),
      ], wrongAnswers: [], now: 5000)
    #expect(summary.steps.first?.medianSeconds == 375)
    #expect(summary.steps.first?.done == 4)
    // Learner 4 is still on it after 5000 s; learner 5 failed 4 times.
    #expect(summary.steps.first?.stuck == 2)
    #expect(summary.mostStuck.count == 1)
    #expect(summary.labs == [EventSummary.LabLine(title: "L", completed: 4)])
  }
}
