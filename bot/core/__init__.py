"""What every feature shares: `deps` (clock, sessions, notifier, defaults), `ports` (the `Notifier` protocol
the services declare and `handlers/` implements) and `persons` (a person as the services see them)."""
