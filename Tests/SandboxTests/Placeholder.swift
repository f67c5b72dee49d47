// Placeholder until the Sandbox tests land.
