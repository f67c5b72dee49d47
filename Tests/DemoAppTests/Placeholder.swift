// Placeholder until the DemoApp tests land.
