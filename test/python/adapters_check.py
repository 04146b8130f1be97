"""Imports every module of a generated package and builds every validator it would build.

pyright and mypy judge the types; this judges what only running them shows: that each
module imports, and that pydantic can build the ``TypeAdapter`` of every parameters type
and result type (a type pydantic cannot validate would fail the wrapper's first call).
Usage: ``python adapters_check.py <package folder>``; prints one line per failure and
exits 1 when there is any. Run by test/corpus/python-corpus.ts.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter


def main() -> None:
    package = Path(sys.argv[1]).resolve()
    sys.path.insert(0, str(package.parent))
    failures: list[str] = []
    modules = sorted(
        p.stem for p in package.glob("*.py") if p.stem not in {"__init__", "runtime"}
    )
    for name in modules:
        try:
            module = importlib.import_module(f"{package.name}.{name}")
        except Exception as error:  # noqa: BLE001 - any failure is what is reported
            failures.append(f"{name}: import fails: {type(error).__name__}: {error}")
            continue
        tools: dict[str, Any] = module.TOOLS
        for function, tool in tools.items():
            for kind, type_ in (
                ("params", tool.params_type),
                ("json", tool.json_type),
                ("body", tool.body_type),
            ):
                if type_ is None:
                    continue
                try:
                    TypeAdapter(type_)
                except Exception as error:  # noqa: BLE001
                    failure = f"{type(error).__name__}: {str(error).splitlines()[0]}"
                    failures.append(f"{name}.{function}: {kind} type: {failure}")
    for line in failures:
        print(line)
    print(f"{len(modules)} modules imported, {len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
