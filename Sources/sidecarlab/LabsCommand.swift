import Foundation
import Labs
import Web

/// `sidecarlab labs check [DIR]`: validates every lab in DIR (default `Labs`) and prints each problem as
/// `file:line: message`. Exits 0 when clean, 1 when there are problems, 2 on a usage error.
enum LabsCommand {
  static let usage = "usage: sidecarlab labs check [DIR]"

  static func run(_ arguments: [String]) -> Int32 {
    do {
      let options = try Options(arguments, known: [])
      guard options.positional.first == "check", options.positional.count <= 2 else {
        throw UsageError(usage)
      }
      let catalog = try LabCatalog.load(
        directory: options.positional.count == 2 ? options.positional[1] : "Labs",
        registry: WebApp.checkKinds)
      FileHandle.standardOutput.write(Data(catalog.report.utf8))
      return catalog.problems.isEmpty ? 0 : 1
    } catch let error as UsageError {
      FileHandle.standardError.write(Data("sidecarlab labs: \(error)\n".utf8))
      return 2
    } catch {
      FileHandle.standardError.write(Data("sidecarlab labs: \(error)\n\(usage)\n".utf8))
      return 2
    }
  }
}
