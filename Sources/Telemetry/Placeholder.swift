// Placeholder until the Telemetry helper lands its first file.
