import Foundation

extension Board {
  /// The board for the API: `{"columns": [{"lab", "step", "title", "active", "done",
  /// "medianSeconds"}], "learners": [{"id", "name", "cells", "current", "secondsOnCurrent",
  /// "failedAttempts", "hintsSeen", "sandbox", "stuck"}]}`; `current` is `{"lab", "step"}` or
  /// null, `stuck` the reason or null, `cells` the states in column order.
  var json: [String: Any] {
    let columnObjects: [[String: Any]] = columns.indices.map { index in
      [
        "lab": columns[index].id.lab, "step": columns[index].id.step,
        "title": columns[index].title, "active": activeCounts[index], "done": doneCounts[index],
        "medianSeconds": medians[index].map { $0 as Any } ?? NSNull(),
      ]
    }
    let learners: [[String: Any]] = rows.map { row in
      let current: Any =
        row.current.map { ["lab": columns[$0].id.lab, "step": columns[$0].id.step] } ?? NSNull()
      return [
        "id": Int(row.learnerID), "name": row.name, "cells": row.cells.map(\.rawValue),
        "current": current,
        "secondsOnCurrent": row.secondsOnCurrent.map { $0 as Any } ?? NSNull(),
        "failedAttempts": row.failedAttempts, "hintsSeen": row.hintsSeen,
        "sandbox": row.sandbox, "stuck": row.stuck.map { $0 as Any } ?? NSNull(),
      ]
    }
    return ["columns": columnObjects, "learners": learners]
  }
}
