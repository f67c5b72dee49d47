import Foundation
import Web

/// `sidecarlab instructor add NAME`: creates an instructor account, password from stdin.
enum InstructorCommand {
  static func run(_ arguments: [String]) -> Int32 {
    do {
      let options = try Options(arguments, known: ["data"])
      guard options.positional.count == 2, options.positional[0] == "add" else {
        throw UsageError("usage: sidecarlab instructor add NAME [--data DIR]")
      }
      FileHandle.standardError.write(Data("password (one line, at least 10 characters): ".utf8))
      guard let password = readLine(strippingNewline: true), !password.isEmpty else {
        throw UsageError("no password given on standard input")
      }
      let app = try WebApp(configuration: WebConfiguration(dataFolder: options["data"] ?? "data"))
      try app.addInstructor(name: options.positional[1], password: password)
      FileHandle.standardError.write(Data("instructor '\(options.positional[1])' added\n".utf8))
      return 0
    } catch let error as UsageError {
      FileHandle.standardError.write(Data("sidecarlab instructor: \(error)\n".utf8))
      return 2
    } catch {
      FileHandle.standardError.write(Data("sidecarlab instructor: \(error)\n".utf8))
      return 1
    }
  }
}
