// Placeholder until the Sandbox helper lands its first file.
