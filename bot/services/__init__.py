"""Use-cases: one method per user intent or scheduled job. Services own transactions and talk to Slack only
through the `Notifier` protocol declared in `bot.services.ports`."""
