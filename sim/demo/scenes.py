"""Every scene of the demo, in the order of the story. The hook for features: a feature that wants to show
itself adds a module `sim/demo/scenes_<feature>.py` with `SCENES = (Scene(starts, play), ...)` and names it in
`SCENE_MODULES`; the demo plays all scenes in the order they start, letting time pass in between. A scene may not
start before the previous one has finished (the story would go back in time): `ordered` refuses that by name.
"""

from __future__ import annotations

from types import ModuleType

from sim.demo import scenes_digest, scenes_pulse, scenes_tiltak, scenes_year
from sim.demo.world import Scene

SCENE_MODULES: tuple[ModuleType, ...] = (scenes_tiltak, scenes_pulse, scenes_digest, scenes_year)


def ordered(modules: tuple[ModuleType, ...] = SCENE_MODULES) -> list[Scene]:
    """The scenes of `modules`, sorted by when they start."""
    scenes: list[Scene] = [scene for module in modules for scene in module.SCENES]
    return sorted(scenes, key=lambda scene: scene.starts)
