"""The outbox engine: plan messages into a table with a dedupe key, then claim, compose and deliver them.
Which kinds exist, and how each is planned and composed, is `schedules/jobs.py`'s job table."""
