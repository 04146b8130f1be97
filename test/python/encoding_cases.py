"""Runs the value encodings of test/fixtures/encoding/cases.json through the Python runtime.

Prints one JSON line per case: ``{"sent": ...}`` or ``{"error": ...}``. Run by
test/python/encoding.test.ts, which compares them with the cases and the TypeScript runtime.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from generated_py.runtime import Encoding, EncodingError, encode_parameters


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as file:
        cases: list[dict[str, Any]] = json.load(file)
    for case in cases:
        rule: Encoding | None = case["encoding"]
        encodings: dict[str, Encoding] = {} if rule is None else {"p": rule}
        try:
            sent = encode_parameters({"p": case["value"]}, encodings)["p"]
            print(json.dumps({"sent": sent}, ensure_ascii=False))
        except EncodingError as error:
            print(json.dumps({"error": str(error)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
