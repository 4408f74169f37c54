"""The simulator, outside the product: the fake Slack Web API (`fake_slack`, `fake_slack_api`), the
signed-request driver (`driver`) and the offline demo (`demo`). Used by the tests and by `oppfolging demo`;
the runtime packages (`bot`, `handlers`, `storage`, `schedules`) never import it, except that `bot/cli.py`
imports `sim.demo` lazily inside the `demo` command."""
