"""The offline demo (`oppfolging demo`): `world` is the team and the transcript, `scenes_*` what happens,
`run` puts it together. Imports go one way: run -> scenes -> world."""

from sim.demo.run import run_demo

__all__ = ["run_demo"]
