// Placeholder until the Telemetry tests land.
