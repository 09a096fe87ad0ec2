"""Finding the checks, and choosing among them by code prefix.

Each module of ``tqcheck.checks`` (but ``base`` and private ``_`` modules) holds exactly one check, bound
to the module attribute ``CHECK``: a check opts in by existing, and there is no list to keep in step.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Sequence

from . import checks as checks_pkg
from .checks.base import Check
from .errors import ConfigError


def check_modules() -> list[str]:
    return sorted(
        f"{checks_pkg.__name__}.{m.name}"
        for m in pkgutil.iter_modules(checks_pkg.__path__)
        if not m.name.startswith("_") and m.name != "base"
    )


def all_checks() -> list[type[Check]]:
    found: dict[str, type[Check]] = {}
    for name in check_modules():
        module = importlib.import_module(name)
        check = getattr(module, "CHECK", None)
        if check is None:
            raise RuntimeError(f"{name} defines no CHECK")
        if check.code in found:
            raise RuntimeError(f"{name}: code {check.code} is already used by {found[check.code].__module__}")
        found[check.code] = check
    return [found[c] for c in sorted(found)]


def _prefix_len(code: str, prefixes: Iterable[str]) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


def select(
    checks: Sequence[type[Check]], *, select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> list[type[Check]]:
    """ruff/flake8 semantics: a check runs when the longest matching ``select`` prefix is longer than the
    longest matching ``ignore`` prefix (``ALL`` or an empty select selects everything; ties go to ignore).
    Unknown codes are an error, so a typo does not silently turn a check off."""
    known = {c.code for c in checks}
    for p in (*select, *ignore):
        if p != "ALL" and not any(code.startswith(p) for code in known):
            raise ConfigError(f"unknown check code or prefix {p!r} (see 'tqcheck rules')")
    sel = ["" if p == "ALL" else p for p in select] or [""]
    ign = ["" if p == "ALL" else p for p in ignore]
    return [c for c in checks if _prefix_len(c.code, sel) > _prefix_len(c.code, ign)]


def find(code: str) -> type[Check] | None:
    for check in all_checks():
        if check.code == code.upper() or check.name == code:
            return check
    return None
