// The one executable: `serve` and the admin commands (sandbox roles come with their issues).
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let status: Int32
switch arguments.first {
case "serve":
  status = ServeCommand.run(Array(arguments.dropFirst()))
case "instructor":
  status = InstructorCommand.run(Array(arguments.dropFirst()))
case "labs":
  status = LabsCommand.run(Array(arguments.dropFirst()))
case "app":
  status = AppCommand.run(Array(arguments.dropFirst()))
case "loadgen":
  status = LoadgenCommand.run(Array(arguments.dropFirst()))
case "proxy":
  status = ProxyCommand.run(Array(arguments.dropFirst()))
case "logrouter":
  status = LogRouterCommand.run(Array(arguments.dropFirst()))
case "tracer":
  status = TracerCommand.run(Array(arguments.dropFirst()))
case "metrics":
  status = MetricsCommand.run(Array(arguments.dropFirst()))
case "sandbox-exec":
  status = SandboxExecCommand.run(Array(arguments.dropFirst()))
case nil, "help", "--help", "-h":
  print(Usage.text)
  status = 0
default:
  FileHandle.standardError.write(Data("unknown command '\(arguments[0])'\n\n\(Usage.text)\n".utf8))
  status = 2
}
exit(status)
