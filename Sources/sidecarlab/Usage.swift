/// The help text of the `sidecarlab` executable.
enum Usage {
  static let text = """
    sidecarlab — a self-hosted workshop server for service mesh and observability labs

    usage:
      sidecarlab serve [--listen HOST:PORT] [--data DIR] [--public DIR] [--labs DIR] [--event-code CODE] [--workers N]
          Runs the lab server. Defaults: --listen 127.0.0.1:8080, --data ./data (created on
          first run), --public ./Public, --labs ./Labs, a generated event code (printed).
          --secure-cookies yes marks cookies Secure (behind a proxy that terminates TLS);
          --grace SECONDS bounds the graceful stop on SIGTERM/SIGINT (default 10).
      sidecarlab instructor add NAME [--data DIR]
          Adds an instructor; reads the password from standard input (one line).
      sidecarlab help
    """
}
