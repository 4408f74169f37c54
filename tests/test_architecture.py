"""Import boundaries from DESIGN.md, checked by walking every module's AST.

`handlers/` -> services and rules (never storage); `schedules/` -> services; services -> rules and storage,
and Slack only through the `Notifier` port; `bot/rules/` -> the standard library and pure data packages; only
`handlers/` and the composition root (`bot/app.py`) import `slack_bolt`/`slack_sdk`; only
`bot/config.py` reads the environment.

Every import counts: module level, inside functions, under `if TYPE_CHECKING:`, relative ones (resolved), and
`importlib.import_module("x")` / `__import__("x")` with a literal name.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "handlers", "storage", "schedules")

SLACK = ("slack_bolt", "slack_sdk")
RULES_THIRD_PARTY = ("holidays", "babel", "dateparser")
SLACK_ROOTS = ("bot/app.py",)  # the composition root besides handlers/
ENV_READER = "bot/config.py"
ENV_NAMES = frozenset({"environ", "environb", "getenv", "getenvb"})


@dataclass(frozen=True)
class Import:
    """One imported name, resolved to absolute module paths.

    `import a.b` gives ("a.b",). `from a import b` gives ("a", "a.b"): `b` may be a submodule or an attribute,
    so a rule matches if either does.
    """

    names: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def matches(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def in_folder(path: str, folder: str) -> bool:
    return path.startswith(folder.rstrip("/") + "/")


def module_name(path: str) -> str:
    parts = list(PurePosixPath(path).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def resolve(path: str, node: ast.ImportFrom) -> str:
    """The absolute module `from ... import` refers to; raises ValueError above the top-level package."""
    if node.level == 0:
        return node.module or ""
    package = module_name(path).split(".")
    if not path.endswith("__init__.py"):
        package.pop()
    if node.level - 1 >= len(package):
        raise ValueError(f"relative import beyond the top-level package (level {node.level})")
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(path: str, tree: ast.AST) -> Iterator[Import | Violation]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import((alias.name,), node.lineno)
        elif isinstance(node, ast.ImportFrom):
            try:
                module = resolve(path, node)
            except ValueError as error:
                yield Violation(path, node.lineno, str(error))
                continue
            for alias in node.names:
                yield Import((module, f"{module}.{alias.name}") if alias.name != "*" else (module,), node.lineno)
        elif isinstance(node, ast.Call) and _is_dynamic_import(node.func):
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield Import((first.value,), node.lineno)


def _is_dynamic_import(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in {"__import__", "import_module"}
    return isinstance(func, ast.Attribute) and func.attr == "import_module"


def env_reads(path: str, tree: ast.AST) -> Iterator[Violation]:
    """`os.environ`, `os.getenv(...)` (also through `import os as x`), and `from os import environ/getenv`."""
    os_aliases = {"os"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            os_aliases.update(alias.asname or alias.name for alias in node.names if alias.name == "os")
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "os" and node.level == 0:
            for alias in node.names:
                if alias.name in ENV_NAMES:
                    message = f"imports os.{alias.name}; only {ENV_READER} reads the environment"
                    yield Violation(path, node.lineno, message)
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in ENV_NAMES
            and isinstance(node.value, ast.Name)
            and node.value.id in os_aliases
        ):
            message = f"reads os.{node.attr}; only {ENV_READER} reads the environment"
            yield Violation(path, node.lineno, message)


@dataclass(frozen=True)
class Rule:
    """In files where `applies(path)` holds, an import breaks the rule when `breaks(import)` names a module.

    `only(...)` is an allow-list: an import is fine when any of its names is allowed (`from bot import rules`
    is `bot.rules`). `never(...)` is a deny-list: an import breaks it when any of its names is denied
    (`from bot import services` is `bot.services`).
    """

    description: str
    applies: Callable[[str], bool]
    breaks: Callable[[Import], str | None]


def _stdlib(name: str) -> bool:
    return name.split(".")[0] in sys.stdlib_module_names


def only(allowed: Callable[[str], bool]) -> Callable[[Import], str | None]:
    return lambda found: None if any(allowed(name) for name in found.names) else found.names[-1]


def never(*prefixes: str) -> Callable[[Import], str | None]:
    return lambda found: next((name for name in found.names if matches(name, prefixes)), None)


def _slack_allowed(path: str) -> bool:
    return in_folder(path, "handlers") or path in SLACK_ROOTS


RULES: tuple[Rule, ...] = (
    Rule(
        "bot/rules/ imports only the standard library, holidays, babel, dateparser and bot.rules",
        lambda path: in_folder(path, "bot/rules"),
        only(lambda name: _stdlib(name) or matches(name, (*RULES_THIRD_PARTY, "bot.rules"))),
    ),
    Rule(
        "handlers/ never imports storage, sqlmodel or sqlalchemy",
        lambda path: in_folder(path, "handlers"),
        never("storage", "sqlmodel", "sqlalchemy"),
    ),
    Rule(
        "schedules/ imports neither handlers, storage nor slack_bolt/slack_sdk",
        lambda path: in_folder(path, "schedules"),
        never("handlers", "storage", *SLACK),
    ),
    Rule(
        "only handlers/ and bot/app.py import slack_bolt/slack_sdk",
        lambda path: not _slack_allowed(path),
        never(*SLACK),
    ),
    Rule(
        "bot/services/ never imports handlers, schedules, slack_bolt, slack_sdk or aiohttp",
        lambda path: in_folder(path, "bot/services"),
        never("handlers", "schedules", *SLACK, "aiohttp"),
    ),
    Rule(
        "storage/ never imports handlers, schedules, bot.services or slack_bolt/slack_sdk",
        lambda path: in_folder(path, "storage"),
        never("handlers", "schedules", "bot.services", *SLACK),
    ),
)


def check_source(path: str, source: str) -> list[Violation]:
    """Every boundary violation in one module; `path` is relative to the repository root, with slashes."""
    tree = ast.parse(source, filename=path)
    violations: list[Violation] = []
    for found in imports_of(path, tree):
        if isinstance(found, Violation):
            violations.append(found)
            continue
        for rule in RULES:
            culprit = rule.breaks(found) if rule.applies(path) else None
            if culprit is not None:
                violations.append(Violation(path, found.line, f"imports {culprit}: {rule.description}"))
    if path != ENV_READER:
        violations.extend(env_reads(path, tree))
    return violations


def project_modules() -> list[Path]:
    return sorted(
        file for package in PACKAGES for file in (REPO_ROOT / package).rglob("*.py") if "__pycache__" not in file.parts
    )


def relative(file: Path) -> str:
    return file.relative_to(REPO_ROOT).as_posix()


# --- the real code base -------------------------------------------------------------------------------------


def test_walk_finds_every_package() -> None:
    found = [relative(file) for file in project_modules()]
    assert len(found) >= 10, f"only {len(found)} modules found under {PACKAGES}: is REPO_ROOT right?"
    for package in PACKAGES:
        assert f"{package}/__init__.py" in found


def test_import_boundaries() -> None:
    violations = [
        violation
        for file in project_modules()
        for violation in check_source(relative(file), file.read_text(encoding="utf-8"))
    ]
    assert not violations, "import boundary violations (see DESIGN.md):\n" + "\n".join(map(str, violations))


# --- the checker itself, on synthetic modules, so the test above cannot pass vacuously ----------------------


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        ("bot/rules/due.py", "import requests", "bot/rules/ imports only"),
        ("bot/rules/due.py", "from bot.config import Settings", "bot/rules/ imports only"),
        ("bot/rules/due.py", "from bot import config", "imports bot.config: bot/rules/"),
        ("bot/rules/due.py", "from storage.models import Tiltak", "bot/rules/ imports only"),
        ("bot/rules/due.py", "from .. import messages", "imports bot.messages: bot/rules/"),
        ("handlers/commands.py", "from storage import repo", "handlers/ never imports storage"),
        ("handlers/commands.py", "import sqlalchemy.ext.asyncio", "handlers/ never imports storage"),
        (
            "handlers/commands.py",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from sqlmodel import Session\n",
            "handlers/ never imports storage",
        ),
        ("handlers/commands.py", "def f():\n    from storage.db import make_engine\n", "handlers/ never"),
        ("handlers/blocks/home.py", "from ...storage import models", "relative import beyond the top-level"),
        ("schedules/sweeps.py", "from handlers.notifier import SlackNotifier", "schedules/ imports neither"),
        ("schedules/sweeps.py", "from storage import db", "schedules/ imports neither"),
        ("schedules/sweeps.py", "from slack_sdk.errors import SlackApiError", "schedules/ imports neither"),
        (
            "bot/cli.py",
            "from slack_bolt.async_app import AsyncApp",
            "only handlers/ and bot/app.py",
        ),
        ("bot/messages.py", "import slack_sdk", "only handlers/ and bot/app.py"),
        ("bot/services/tiltak.py", "from handlers import ids", "bot/services/ never imports handlers"),
        ("bot/services/tiltak.py", "import aiohttp", "bot/services/ never imports"),
        ("bot/services/tiltak.py", "from schedules.sweeps import run", "bot/services/ never imports"),
        ("storage/repo.py", "from bot.services.ports import Notifier", "storage/ never imports"),
        ("storage/repo.py", "from bot import services", "imports bot.services: storage/"),
        ("storage/repo.py", "import importlib\nimportlib.import_module('handlers.ids')", "storage/ never"),
        ("bot/services/x.py", "import os\nos.environ['X']", "reads os.environ"),
        ("bot/services/x.py", "import os\nos.getenv('X')", "reads os.getenv"),
        ("bot/services/x.py", "import os\nos.environ.get('X')", "reads os.environ"),
        ("handlers/x.py", "import os as system\nsystem.getenv('X')", "reads os.getenv"),
        ("bot/cli.py", "from os import environ", "imports os.environ"),
        ("bot/rules/x.py", "from .... import x", "relative import beyond the top-level package"),
    ],
)
def test_checker_reports(path: str, source: str, expected: str) -> None:
    violations = check_source(path, source)
    assert any(expected in str(v) for v in violations), f"{expected!r} not reported, got {violations}"


@pytest.mark.parametrize(
    ("path", "source"),
    [
        (
            "bot/rules/due.py",
            "from __future__ import annotations\nimport zoneinfo\nfrom datetime import date",
        ),
        ("bot/rules/due.py", "import holidays\nfrom babel.dates import format_date\nimport dateparser"),
        ("bot/rules/due.py", "from bot.rules.calendar import next_working_day\nfrom . import calendar"),
        ("bot/rules/due.py", "from bot import rules"),
        ("handlers/commands.py", "from slack_bolt.async_app import AsyncApp\nfrom bot.services import x"),
        ("handlers/blocks/home.py", "from ..ids import HOME_HELP\nfrom . import kit"),
        ("bot/app.py", "from slack_bolt.async_app import AsyncApp\nfrom storage.db import make_engine"),
        ("bot/services/tiltak.py", "from storage import models\nfrom bot.rules import due"),
        ("schedules/sweeps.py", "from bot.services import Services"),
        ("storage/repo.py", "from bot.rules.calendar import Day\nimport sqlmodel"),
        ("bot/config.py", "import os\nos.environ.get('X')\nfrom os import getenv"),
        ("bot/services/x.py", "import os\nos.path.join('a', 'b')"),
    ],
)
def test_checker_accepts(path: str, source: str) -> None:
    assert check_source(path, source) == []
