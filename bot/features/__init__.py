"""One package per feature: its intents (services named for what they do), its outbox kinds (planner and
composers) and the values it hands to the handlers. A feature reaches another only through that feature's
`__init__` (its public names) or `bot.contract`; never through its modules."""
