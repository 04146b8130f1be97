"""Checks generated Python packages the way the hostile corpus requires.

Usage: python hostile_check.py <folder>...  Each folder is a generated package. For every
file: it parses (ast.parse), has no ``__CORPUS_PWNED__`` Name node and no raw bidi,
invisible or control character; then the package and each module are imported, and
``builtins.__CORPUS_PWNED__`` must stay unset. Prints one JSON object of problems.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import json
import re
import sys
from pathlib import Path

UNSAFE = re.compile(
    "[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
)


def problems_of(folder: Path) -> list[str]:
    found: list[str] = []
    for file in sorted(folder.glob("*.py")):
        text = file.read_text("utf-8")
        if UNSAFE.search(text):
            found.append(f"{file.name}: raw unsafe character")
        tree = ast.parse(text, filename=str(file))
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "__CORPUS_PWNED__":
                found.append(f"{file.name}: __CORPUS_PWNED__ name node")
    sys.path.insert(0, str(folder.parent))
    try:
        package = importlib.import_module(folder.name)
        for file in sorted(folder.glob("*.py")):
            if file.stem != "__init__":
                importlib.import_module(f"{package.__name__}.{file.stem}")
    finally:
        sys.path.pop(0)
        for name in [
            m
            for m in sys.modules
            if m == folder.name or m.startswith(folder.name + ".")
        ]:
            del sys.modules[name]
    if hasattr(builtins, "__CORPUS_PWNED__"):
        found.append(f"{folder}: importing set builtins.__CORPUS_PWNED__")
    return found


if __name__ == "__main__":
    print(json.dumps({arg: problems_of(Path(arg)) for arg in sys.argv[1:]}))
