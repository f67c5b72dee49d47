// Placeholder until the Labs helper lands its first file.
