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
      sidecarlab labs check [DIR]
          Validates every lab under DIR (default ./Labs); prints FILE:LINE: problems.
      sidecarlab app --service swan|unicorn --listen HOST:PORT --control HOST:PORT [--instance ID]
                     [--version V] [--upstream HOST:PORT [--upstream-host NAME]]
                     [--upstream-timeout-ms N]
          One demo app process (run by the sandbox agent). Needs SIDECARLAB_CONTROL_TOKEN;
          sends X-Ray segments to AWS_XRAY_DAEMON_ADDRESS when set.
      sidecarlab loadgen --target HOST:PORT [--rate 5] [--duration SECONDS] [--paths MIX]
          Steady traffic to swan with a weighted mix of paths; one JSON line per request.
      sidecarlab proxy --listen HOST:PORT --upstream HOST:PORT [--threads N]
      sidecarlab proxy --config MESH.json --node NAME [--listen HOST:PORT] [--egress HOST:PORT]
                       [--app HOST:PORT] [--resolve 'NAME=ADDR[,ADDR...];...']
          The sidecar proxy (Envoy-style, configured in App Mesh's shapes). Both forms take
          [--admin HOST:PORT] [--access-log stdout|off] [--tracer HOST:PORT]
          [--statsd HOST:PORT [--statsd-flush-ms N] [--statsd-tags K:V,...]]. The admin
          listener also takes Toxiproxy-shaped network faults at /toxics.
      sidecarlab logrouter [--config FILE] [--data FILE] [--storage DIR] [--http HOST:PORT]
                           [--cluster NAME] [--task ID] [--container NAME]
          The log router (Fluent Bit classic config; FireLens keys; Docs/logrouter.md).
          Without --config it runs in sandbox mode: the streams the agent hands over
          (SIDECARLAB_LOG_STREAMS) into a log store.
      sidecarlab tracer [--udp HOST:PORT] [--http HOST:PORT] --data FILE [--retention-segments N]
          The trace daemon: X-Ray UDP, PutTraceSegments, sampling, Zipkin v2, OTLP/HTTP JSON.
      sidecarlab metrics --statsd HOST:PORT --http HOST:PORT [--data FILE] [--scrape 'JOB=URL;…']
                         [--scrape-interval-ms N] [--max-series N]
          The metrics agent: StatsD intake, Prometheus scraping, queries, alarms.
      sidecarlab help
    """
}
