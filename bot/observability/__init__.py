"""Operations: Prometheus metrics (`metrics`), log formats (`logs`), the health verdict (`health`, pure) and the
facts behind it (`probes`, reading the database). No Slack imports: the composition root wires the Slack parts in."""
