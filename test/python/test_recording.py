"""The generated Python wrappers against the real dify_plugin SDK.

A real ``Session`` (full duplex, as a plugin runs under the daemon) gets a writer that
captures what the SDK sends to the daemon and a reader that answers with recorded
``ToolInvokeMessage``s, through the SDK's own request/response machinery. Each case calls a
generated wrapper and asserts the exact ``{tool_type, provider, tool, tool_parameters}``
payload, then the typed helpers' results. Run by test/python/python.test.ts.
"""

from __future__ import annotations

import json
import unittest
from collections.abc import Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ClassVar

from dify_plugin.config.config import InstallMethod
from dify_plugin.core.entities.plugin.io import PluginInStream, PluginInStreamEvent
from dify_plugin.core.runtime import Session
from dify_plugin.core.server.__base.filter_reader import FilterReader
from dify_plugin.core.server.__base.request_reader import RequestReader
from dify_plugin.core.server.__base.response_writer import ResponseWriter
from dify_plugin.entities.tool import ToolInvokeMessage

from generated_py import (
    EncodingError,
    MockSession,
    ToolParameterError,
    ToolResultError,
    configure,
    google,
    petstore,
    summarize,
)
from generated_py.runtime import (
    UnexpectedToolCall,
    json_message,
    text_message,
    variable_message,
)


class Daemon(RequestReader, ResponseWriter):
    """The daemon's side of the pipe: records requests, answers with recorded messages."""

    def __init__(self) -> None:
        RequestReader.__init__(self)
        self.sent: list[dict[str, Any]] = []
        self.replies: list[dict[str, Any]] = []
        self.pending: list[PluginInStream] = []
        # The daemon ends the stream with an error event instead (Dify failed the call).
        self.failure = ""

    def _read_stream(self) -> Generator[PluginInStream, None, None]:
        yield from ()

    def write(self, data: str) -> None:
        if not data.strip():
            return
        line: dict[str, Any] = json.loads(data)
        invoke: dict[str, Any] = line["data"]["data"]
        self.sent.append(invoke["request"])
        request_id: str = invoke["backwards_request_id"]
        events = [
            {"event": "response", "data": reply, "message": ""}
            for reply in self.replies
        ] + [
            {"event": "error", "data": None, "message": self.failure}
            if self.failure
            else {"event": "end", "data": None, "message": ""}
        ]
        for event in events:
            self.pending.append(
                PluginInStream(
                    session_id="s1",
                    event=PluginInStreamEvent.BackwardInvocationResponse,
                    data={"backwards_request_id": request_id, **event},
                    reader=self,
                    writer=self,
                )
            )

    def read(self, filter: Callable[[PluginInStream], bool]) -> FilterReader:  # noqa: A002
        # The SDK sends the request, then starts reading: answer once it reads, through
        # its own filter (the backwards_request_id) and queue.
        reader = super().read(filter)
        for line in self.pending:
            self._process_line(line)
        self.pending.clear()
        return reader

    def done(self) -> None:
        pass


def sdk_session() -> tuple[Session, Daemon]:
    daemon = Daemon()
    session = Session(
        session_id="s1",
        executor=ThreadPoolExecutor(1),
        reader=daemon,
        writer=daemon,
        install_method=InstallMethod.Remote,
        max_invocation_timeout=2,
    )
    return session, daemon


def wire(message: ToolInvokeMessage) -> dict[str, Any]:
    """A message as the daemon sends it (JSON, blobs base64)."""
    return message.model_dump(mode="json")


class Recording(unittest.TestCase):
    def test_api_tool_payload_and_text_json(self) -> None:
        session, daemon = sdk_session()
        daemon.replies = [
            wire(text_message("added ")),
            wire(text_message("Rex")),
            wire(json_message({"id": 1, "name": "Rex"})),
        ]
        call = petstore.add_pet(session, {"name": "Rex", "species": "cat"})
        self.assertEqual(call.text(), "added Rex")
        self.assertEqual(call.json(), [{"id": 1, "name": "Rex"}])
        self.assertEqual(
            daemon.sent,
            [
                {
                    "tool_type": "api",
                    "provider": "6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10",
                    "tool": "addPet",
                    "tool_parameters": {"name": "Rex", "species": "cat"},
                }
            ],
        )

    def test_api_tool_keys_that_are_not_identifiers(self) -> None:
        session, daemon = sdk_session()
        daemon.replies = [wire(json_message({"id": 7}))]
        call = petstore.get_pet_by_id(session, {"petId": 7, "X-Request-Id": "r-1"})
        self.assertEqual(call.json(), [{"id": 7}])
        self.assertEqual(
            daemon.sent[0]["tool_parameters"], {"petId": 7, "X-Request-Id": "r-1"}
        )
        self.assertEqual(daemon.sent[0]["tool"], "getPetById")

    def test_builtin_tool_unset_keys_omitted(self) -> None:
        session, daemon = sdk_session()
        daemon.replies = [wire(text_message("results"))]
        messages = google.google_search(session, {"query": "dify"}).messages()
        self.assertEqual(
            [m.type for m in messages], [ToolInvokeMessage.MessageType.TEXT]
        )
        self.assertEqual(
            daemon.sent,
            [
                {
                    "tool_type": "builtin",
                    "provider": "langgenius/google/google",
                    "tool": "google_search",
                    "tool_parameters": {"query": "dify"},
                }
            ],
        )

    def test_workflow_tool_variables_streamed_and_typed(self) -> None:
        session, daemon = sdk_session()
        daemon.replies = [
            wire(variable_message("summary", "Short ", stream=True)),
            wire(variable_message("summary", "text.", stream=True)),
            wire(variable_message("word_count", 2)),
            wire(json_message({"summary": "Short text.", "word_count": 2})),
        ]
        call = summarize.summarize_document(
            session, {"document": "A long text.", "audience": "engineers"}
        )
        variables = call.variables()
        self.assertEqual(variables, {"summary": "Short text.", "word_count": 2})
        summary: str = call.json()[0]["summary"]
        self.assertEqual(summary, "Short text.")
        self.assertEqual(
            daemon.sent,
            [
                {
                    "tool_type": "workflow",
                    "provider": "0b8e6f5c-1d2a-4c3b-9e8f-7a6b5c4d3e2f",
                    "tool": "summarize_document",
                    "tool_parameters": {
                        "document": "A long text.",
                        "audience": "engineers",
                    },
                }
            ],
        )

    def test_files_helper_keeps_file_messages(self) -> None:
        session, daemon = sdk_session()
        image = ToolInvokeMessage(
            type=ToolInvokeMessage.MessageType.IMAGE_LINK,
            message=ToolInvokeMessage.TextMessage(text="https://example.com/rex.png"),
        )
        daemon.replies = [wire(text_message("a photo")), wire(image)]
        files = petstore.get_pet_by_id(session, {"petId": 7}).files()
        self.assertEqual(files, [image])


class Encoding(unittest.TestCase):
    """Values go to the daemon encoded by the same rules as the TypeScript wrappers."""

    def test_values_encoded_for_difys_casts(self) -> None:
        session, daemon = sdk_session()
        owner: petstore.Owner = {"name": "Ann", "email": "ann@example.com"}
        petstore.add_pet(
            session, {"name": "Rex", "species": "dog", "owner": owner}
        ).messages()
        petstore.get_pet_by_id(session, {"petId": 7, "X-Request-Id": "r/1"}).messages()
        self.assertEqual(
            [s["tool_parameters"] for s in daemon.sent],
            [
                # A $ref body property: Dify sends it as it is, so as JSON text.
                {
                    "name": "Rex",
                    "species": "dog",
                    "owner": '{"name":"Ann","email":"ann@example.com"}',
                },
                # A number path value stays a number; a header is sent as its text.
                {"petId": 7, "X-Request-Id": "r/1"},
            ],
        )

    def test_unsendable_values_refused_before_the_call(self) -> None:
        session, daemon = sdk_session()
        with self.assertRaises(EncodingError) as header:
            petstore.get_pet_by_id(session, {"petId": 7, "X-Request-Id": "café"})
        self.assertEqual(
            str(header.exception),
            'parameter "X-Request-Id": a header value must be ASCII '
            "(Dify fails on any other character)",
        )
        photo: Any = {"petId": 1, "photo": {"url": "https://example.com/a.png"}}
        with self.assertRaises(ToolParameterError) as typed:
            petstore.petspet_idphoto_post(session, photo)
        self.assertEqual(
            typed.exception.problems,
            [
                (
                    "photo: Value error, no value can be sent here: Dify cannot receive "
                    "it from a plugin, or the schema allows none (see the warning of "
                    "`dify-toolgen generate`)"
                )
            ],
        )
        with self.assertRaises(EncodingError):
            petstore.petspet_idphoto_post(session, photo, validate=False)
        self.assertEqual(daemon.sent, [])


class Results(unittest.TestCase):
    """What Dify sends for each kind of response, read through every accessor."""

    PET: ClassVar[dict[str, Any]] = {"id": 7, "name": "Rex", "species": "dog"}
    EMPTY = "Empty response from the tool, please check your parameters and try again."

    def replying(self, *messages: ToolInvokeMessage, error: str = "") -> Session:
        session, daemon = sdk_session()
        daemon.replies = [wire(m) for m in messages]
        daemon.failure = error
        return session

    def test_object_body_json_message_then_text(self) -> None:
        raw = json.dumps(self.PET)
        session = self.replying(json_message(self.PET), text_message(raw))
        call = petstore.get_pet_by_id(session, {"petId": 7})
        pets: list[petstore.GetPetByIdResult] = call.json()
        self.assertEqual(pets, [self.PET])
        self.assertEqual(pets[0]["name"], "Rex")
        body: petstore.GetPetByIdResult = call.body()
        self.assertEqual(body, self.PET)
        self.assertEqual(call.text(), raw)

    def test_array_body_text_only(self) -> None:
        session = self.replying(text_message(json.dumps([self.PET])))
        call = petstore.list_pets(session)
        self.assertEqual(call.json(), [])
        pets: petstore.ListPetsBody = call.body()
        self.assertEqual(pets, [self.PET])

    def test_status_400_fails_the_call_where_it_is_made(self) -> None:
        failure = "Request failed with status code 404 and not found"
        session = self.replying(error=failure)
        with self.assertRaisesRegex(Exception, failure):
            petstore.get_pet_by_id(session, {"petId": 7})

    def test_the_call_is_sent_even_when_its_result_is_not_read(self) -> None:
        session, daemon = sdk_session()
        daemon.replies = [wire(text_message("deleted"))]
        petstore.delete_pet(session, {"petId": 7})
        self.assertEqual(len(daemon.sent), 1)
        self.assertEqual(daemon.sent[0]["tool"], "deletePet")

    def test_attachment_and_empty_body_are_not_json(self) -> None:
        session = self.replying(text_message("\ufffdPNG\r\n\x1a\n"))
        call = petstore.get_pet_by_id(session, {"petId": 7})
        self.assertEqual(call.files(), [])
        with self.assertRaises(ToolResultError) as png:
            call.body()
        self.assertEqual(
            str(png.exception),
            'result of Dify tool "getPetById": the text is not JSON: '
            '"\ufffdPNG\\r\\n\\u001a\\n"',
        )
        session = self.replying(text_message(self.EMPTY))
        with self.assertRaises(ToolResultError) as empty:
            petstore.delete_pet(session, {"petId": 7}).body()
        self.assertEqual(
            str(empty.exception),
            f'result of Dify tool "deletePet": the text is not JSON: "{self.EMPTY}"',
        )

    def test_validate_results_names_where_a_result_differs(self) -> None:
        cases: list[
            tuple[ToolInvokeMessage, Callable[[Session, bool], object], str]
        ] = [
            (
                json_message({**self.PET, "id": "7"}),
                lambda s, v: petstore.get_pet_by_id(
                    s, {"petId": 7}, validate_results=v
                ).json(),
                "id: Input should be a valid integer",
            ),
            (
                text_message(json.dumps([self.PET, {"name": "Tom"}])),
                lambda s, v: petstore.list_pets(s, validate_results=v).body(),
                "1.species: Field required; 1.id: Field required",
            ),
            (
                text_message("[1]"),
                lambda s, v: petstore.add_pet(
                    s, {"name": "Rex", "species": "dog"}, validate_results=v
                ).body(),
                "(result): Input should be a valid dictionary",
            ),
        ]
        for message, consume, where in cases:
            with self.subTest(where):
                consume(self.replying(message), False)
                with self.assertRaises(ToolResultError) as raised:
                    consume(self.replying(message), True)
                self.assertTrue(
                    str(raised.exception).endswith(
                        f"does not match the spec's response schema: {where}"
                    ),
                    str(raised.exception),
                )

    def test_validate_results_checks_a_workflows_declared_outputs(self) -> None:
        message = json_message({"summary": 1, "word_count": 3})
        with self.assertRaises(ToolResultError) as raised:
            summarize.summarize_document(
                self.replying(message), {"document": "d"}, validate_results=True
            ).json()
        self.assertEqual(
            raised.exception.problems, ["summary: Input should be a valid string"]
        )

    def test_validate_results_for_every_call(self) -> None:
        message = json_message({"id": "x"})
        configure(validate_results=True)
        try:
            with self.assertRaises(ToolResultError) as raised:
                petstore.get_pet_by_id(self.replying(message), {"petId": 7}).json()
        finally:
            configure(validate_results=False)
        self.assertEqual(
            raised.exception.problems,
            [
                "name: Field required",
                "species: Field required",
                "id: Input should be a valid integer",
            ],
        )
        call = petstore.get_pet_by_id(self.replying(message), {"petId": 7})
        self.assertEqual(call.json(), [{"id": "x"}])


class Validation(unittest.TestCase):
    def test_bad_values_name_each_key_and_bound(self) -> None:
        session, daemon = sdk_session()
        bad: Any = {"query": "x", "num": 500, "colour": "red"}
        with self.assertRaises(ToolParameterError) as raised:
            google.google_image_search(session, bad)
        self.assertEqual(
            str(raised.exception),
            'invalid parameters for Dify tool "google_image_search": '
            "'colour': unknown parameter (the tool takes 'query', 'num'); "
            "num: Input should be less than or equal to 100",
        )
        self.assertEqual(daemon.sent, [])

    def test_missing_and_wrong_types(self) -> None:
        session, _ = sdk_session()
        bad: Any = {"species": "cow", "name": 3}
        with self.assertRaises(ToolParameterError) as raised:
            petstore.add_pet(session, bad)
        self.assertEqual(
            raised.exception.problems,
            [
                "name: Input should be a valid string",
                "species: Input should be 'dog', 'cat', 'bird' or 'guinea pig'",
            ],
        )

    def test_validate_false_per_call_and_module_wide(self) -> None:
        session, daemon = sdk_session()
        bad: Any = {"query": "x", "num": 500}
        google.google_image_search(session, bad, validate=False).messages()
        configure(validate=False)
        try:
            google.google_image_search(session, bad).messages()
        finally:
            configure(validate=True)
        self.assertEqual([s["tool_parameters"] for s in daemon.sent], [bad, bad])


class Mocking(unittest.TestCase):
    def test_replies_and_recorded_calls(self) -> None:
        mock = MockSession()
        mock.reply(petstore.add_pet, [text_message("ok")])
        self.assertEqual(
            petstore.add_pet(mock, {"name": "Rex", "species": "dog"}).text(), "ok"
        )
        self.assertEqual(
            [tuple(c) for c in mock.calls],
            [
                (
                    "api",
                    "6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10",
                    "addPet",
                    {"name": "Rex", "species": "dog"},
                )
            ],
        )

    def test_unregistered_call_fails_clearly(self) -> None:
        mock = MockSession()
        mock.reply(petstore.add_pet, [])
        with self.assertRaises(UnexpectedToolCall) as raised:
            google.google_search(mock, {"query": "q"}).messages()
        self.assertEqual(
            str(raised.exception),
            "no reply registered for builtin tool 'google_search' of provider "
            "'langgenius/google/google' (registered: api/6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10/addPet); "
            "use MockSession.reply(wrapper, ...)",
        )

    def test_failing_and_computed_replies(self) -> None:
        mock = MockSession()
        mock.reply(petstore.delete_pet, RuntimeError("404 not found"))
        with self.assertRaisesRegex(RuntimeError, "404 not found"):
            petstore.delete_pet(mock, {"petId": 7})
        mock.reply(
            petstore.get_pet_by_id,
            lambda sent: [json_message({"id": sent["petId"], "name": "Rex"})],
        )
        self.assertEqual(
            petstore.get_pet_by_id(mock, {"petId": 9}).json(),
            [{"id": 9, "name": "Rex"}],
        )
        self.assertEqual([c.tool for c in mock.calls], ["deletePet", "getPetById"])

    def test_reply_for_something_else_than_a_wrapper(self) -> None:
        not_a_wrapper: Any = json_message
        with self.assertRaises(TypeError) as raised:
            MockSession().reply(not_a_wrapper, [])
        self.assertEqual(
            str(raised.exception),
            "'json_message' is not a generated wrapper (no TOOLS entry in generated_py.runtime)",
        )


if __name__ == "__main__":
    unittest.main()
