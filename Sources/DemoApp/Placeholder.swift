// Placeholder until the DemoApp helper lands its first file.
