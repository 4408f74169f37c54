"""Operations: Prometheus metrics, log formatting and the health verdict. No Slack and no storage imports here:
the composition root gathers the facts and hands them in."""
