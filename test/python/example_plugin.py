"""The README's "after": a real dify_plugin tool calling generated wrappers.

Type-checked with pyright (strict) and mypy --strict by test/python/python.test.ts.
"""

from collections.abc import Generator
from typing import Any

from dify_plugin import Tool
from dify_plugin.entities.tool import ToolInvokeMessage

from generated_py import google, summarize


class ResearchTool(Tool):
    def _invoke(
        self, tool_parameters: dict[str, Any]
    ) -> Generator[ToolInvokeMessage, None, None]:
        # Keys and values are checked by pyright/mypy, then by pydantic before the call.
        found = google.google_search(
            self.session, {"query": tool_parameters["topic"], "language_code": "de"}
        ).text()
        summary = summarize.summarize_document(
            self.session, {"document": found}
        ).variables()
        yield self.create_text_message(summary.get("summary", ""))
