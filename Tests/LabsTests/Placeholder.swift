// Placeholder until the Labs tests land.
