"""The runtime shared by every generated module.

It calls Dify through the plugin's session (``session.tool.invoke_api_tool``,
``invoke_builtin_tool``, ``invoke_workflow_tool`` of the ``dify_plugin`` SDK), checks
parameters with pydantic before the call, collects the messages a call yields, and offers a
mock session for tests. It needs only what ``dify_plugin`` depends on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    Literal,
    NamedTuple,
    Never,
    NotRequired,
    TypedDict,
    cast,
)
from urllib.parse import quote

from dify_plugin.core.runtime import Session
from dify_plugin.core.server.__base.request_reader import RequestReader
from dify_plugin.core.server.__base.response_writer import ResponseWriter
from dify_plugin.entities.tool import ToolInvokeMessage, ToolProviderType
from dify_plugin.invocations.tool import ToolInvocation
from pydantic import PlainValidator, TypeAdapter, ValidationError

type JsonObject = Mapping[str, Any] | list[Any]
"""The object of a ``json`` message."""

type ProviderType = Literal["api", "builtin", "workflow"]


def _refuse_value(value: object) -> Never:
    msg = (
        "no value can be sent here: Dify cannot receive it from a plugin, or the "
        "schema allows none (see the warning of `dify-toolgen generate`)"
    )
    raise ValueError(msg)


if TYPE_CHECKING:
    type Refused = Never
    """The type of a key no value can be given to (``Never``)."""
else:
    # pydantic has no validator for `Never`: this one refuses every value.
    Refused = Annotated[object, PlainValidator(_refuse_value)]


class Provider(NamedTuple):
    """Which Dify provider a module calls."""

    type: ProviderType
    id: str


class DifyFile(TypedDict, total=False):
    """A file as Dify passes it between tools (a ``file`` or ``files`` parameter)."""

    dify_model_identity: Literal["__dify__file__"]
    type: Literal["image", "document", "audio", "video", "custom"]
    transfer_method: Literal["remote_url", "local_file", "tool_file"]
    url: str
    remote_url: str
    related_id: str
    upload_file_id: str
    tool_file_id: str
    filename: str
    extension: str
    mime_type: str
    size: int


class ModelSelector(TypedDict):
    """A model chosen in Dify (a ``model-selector`` parameter)."""

    provider: str
    model: str
    model_type: NotRequired[str]
    mode: NotRequired[str]
    completion_params: NotRequired[dict[str, Any]]


class AppSelector(TypedDict):
    """An app chosen in Dify (an ``app-selector`` parameter)."""

    app_id: str
    inputs: NotRequired[dict[str, Any]]
    files: NotRequired[list[Any]]


class ToolResultError(ValueError):
    """Raised by ``json()`` or ``body()`` when a result does not match the tool's response
    schema (only with ``validate_results``), or when ``body()`` finds text that is not JSON.

    ``problems`` names each mismatch by its path in the result (``items.0.id: ...``).
    """

    def __init__(
        self, tool_name: str, detail: str, problems: list[str] | None = None
    ) -> None:
        self.tool_name = tool_name
        self.problems = problems or []
        super().__init__(f"result of Dify tool {json.dumps(tool_name)}: {detail}")


class ToolParameterError(ValueError):
    """Raised before Dify is called when parameters do not match the tool's types."""

    def __init__(self, tool_name: str, problems: list[str]) -> None:
        self.tool_name = tool_name
        self.problems = problems
        name = json.dumps(tool_name, ensure_ascii=False)
        super().__init__(
            f"invalid parameters for Dify tool {name}: {'; '.join(problems)}"
        )


type Encoding = Literal[
    "json", "json-items", "segment", "ascii", "refuse", "comma", "space", "pipe"
]
"""How a wrapper encodes one value so that it survives Dify's casts.

The rule of each parameter is chosen at generation time (dify-toolgen's
``src/dify/encoding.ts``, the same table as the TypeScript wrappers):

- ``json``: dicts and lists as JSON text (Dify casts an object to its Python repr, and
  parses JSON text back for an object or array body property);
- ``json-items``: each dict or list item of a list as JSON text;
- ``segment``: a string percent-encoded as one path segment (Dify encodes nothing);
- ``ascii``: the value's text (dicts and lists as JSON text), refused unless ASCII (Dify
  fails on any other header character);
- ``refuse``: no value can be sent (Dify can only fail with it): a given value is refused;
- ``comma``, ``space``, ``pipe``: a list's items joined into one text, sent as a one-item
  list (a query array the spec serialises with a delimiter; Dify would repeat the key).
"""


class EncodingError(ValueError):
    """Raised before Dify is called when a value cannot reach the API as the spec means it."""

    def __init__(self, parameter: str, reason: str) -> None:
        self.parameter = parameter
        name = json.dumps(parameter, ensure_ascii=False)
        super().__init__(f"parameter {name}: {reason}")


def _json_text(value: object) -> object:
    """Dicts and lists as compact JSON text, as the TypeScript wrappers write it."""
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return value


def _item_text(value: object) -> str:
    """One item of a delimited list: strings as they are, anything else as JSON text."""
    return (
        value
        if isinstance(value, str)
        else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    )


def _joined(delimiter: str) -> Callable[[object, str], object]:
    def join(value: object, name: str) -> object:
        if isinstance(value, list):
            items = cast(list[object], value)
            return [delimiter.join(_item_text(item) for item in items)]
        return value

    return join


def _json_items(value: object, name: str) -> object:
    if isinstance(value, list):
        return [_json_text(item) for item in cast(list[object], value)]
    return _json_text(value)


def _segment(value: object, name: str) -> object:
    """A string percent-encoded but for letters, digits and ``-._~`` (``.`` and ``..`` too)."""
    if not isinstance(value, str):
        return value
    encoded = quote(value, safe="")
    return encoded.replace(".", "%2E") if encoded in {".", ".."} else encoded


def _ascii(value: object, name: str) -> object:
    text = _json_text(value)
    if isinstance(text, str) and not text.isascii():
        raise EncodingError(
            name, "a header value must be ASCII (Dify fails on any other character)"
        )
    # Dify's HTTP client (httpx, through h11) refuses a header with these.
    if isinstance(text, str) and any(c in text for c in "\r\n\0"):
        raise EncodingError(
            name,
            "a header value cannot hold a line break or NUL "
            "(Dify's HTTP client refuses it)",
        )
    return text


def _refuse(value: object, name: str) -> object:
    raise EncodingError(
        name,
        "Dify cannot send a value of this parameter from a plugin "
        "(see the warning of `generate`)",
    )


_ENCODERS: dict[str, Callable[[object, str], object]] = {
    "json": lambda value, name: _json_text(value),
    "json-items": _json_items,
    "segment": _segment,
    "ascii": _ascii,
    "refuse": _refuse,
    "comma": _joined(","),
    "space": _joined(" "),
    "pipe": _joined("|"),
}


def encode_parameters(
    given: Mapping[str, object], encodings: Mapping[str, Encoding]
) -> dict[str, Any]:
    """The parameters with each value encoded by its rule (see ``Encoding``).

    ``None`` is sent as ``None`` (Dify's casts give it its meaning), unless the rule is
    ``refuse``.
    """
    out: dict[str, Any] = {}
    for name, value in given.items():
        encoding = encodings.get(name)
        if encoding is None or (value is None and encoding != "refuse"):
            out[name] = value
        else:
            out[name] = _ENCODERS[encoding](value, name)
    return out


class Tool:
    """One wrapper's Dify tool: its name, Dify's parameter names, their types and encodings.

    ``encodings`` names the rule of each parameter whose value needs one (see
    ``Encoding``). A tool whose source declares what it returns has ``json_type`` (the
    objects of ``json()``: an API spec's object bodies, a tool's output_schema, a
    workflow's outputs); an API tool with JSON success bodies has ``body_type`` (what
    ``body()`` parses). Each type's pydantic ``TypeAdapter`` is built on first use, once.
    """

    def __init__(
        self,
        tool_name: str,
        parameters: tuple[str, ...],
        params_type: Any,
        encodings: Mapping[str, Encoding] | None = None,
        json_type: Any = None,
        body_type: Any = None,
    ) -> None:
        self.tool_name = tool_name
        self.parameters = parameters
        self.params_type = params_type
        self.encodings: Mapping[str, Encoding] = encodings or {}
        self.json_type = json_type
        self.body_type = body_type
        self._adapters: dict[str, TypeAdapter[Any]] = {}

    def _adapter_of(self, name: str, type_: Any) -> TypeAdapter[Any]:
        if name not in self._adapters:
            self._adapters[name] = TypeAdapter(type_)
        return self._adapters[name]

    def adapter(self) -> TypeAdapter[Any]:
        """The parameters' validator, built once."""
        return self._adapter_of("params", self.params_type)

    def result_problems(
        self, which: Literal["json", "body"], value: object
    ) -> list[str]:
        """Where a result differs from its declared type (none declared: nowhere)."""
        type_ = self.json_type if which == "json" else self.body_type
        if type_ is None:
            return []
        try:
            self._adapter_of(which, type_).validate_python(value, strict=True)
        except ValidationError as error:
            return [
                f"{'.'.join(str(part) for part in issue['loc']) or '(result)'}: {issue['msg']}"
                for issue in error.errors()
            ]
        return []

    def problems(self, params: Mapping[str, object]) -> list[str]:
        """Every bad key of ``params``: unknown, missing, of the wrong type or out of bounds."""
        known = set(self.parameters)
        found = [
            f"{key!r}: unknown parameter (the tool takes {', '.join(map(repr, self.parameters)) or 'none'})"
            for key in params
            if key not in known
        ]
        try:
            self.adapter().validate_python(params, strict=True)
        except ValidationError as error:
            for issue in error.errors():
                where = ".".join(str(part) for part in issue["loc"]) or "(parameters)"
                found.append(f"{where}: {issue['msg']}")
        return found


class _Defaults:
    validate = True
    validate_results = False


def configure(
    *, validate: bool | None = None, validate_results: bool | None = None
) -> None:
    """Sets, for every module, whether calls check their parameters (``validate``,
    default ``True``) and their results against the spec (``validate_results``, default
    ``False``); a value left out keeps its setting."""
    if validate is not None:
        _Defaults.validate = validate
    if validate_results is not None:
        _Defaults.validate_results = validate_results


_METHODS: dict[ProviderType, ToolProviderType] = {
    "api": ToolProviderType.API,
    "builtin": ToolProviderType.BUILT_IN,
    "workflow": ToolProviderType.WORKFLOW,
}


def invoke(
    session: Session,
    provider: Provider,
    tool: Tool,
    params: Mapping[str, object] | None,
    validate: bool | None,
) -> Generator[ToolInvokeMessage, None, None]:
    """Checks the parameters (unless turned off) and calls the tool through the session.

    Sends ``{tool_type, provider, tool, tool_parameters}`` with the keys the caller set,
    each value encoded by its rule (``Tool.encodings``); raises ``ToolParameterError`` or
    ``EncodingError`` before Dify is called.
    """
    given: dict[str, Any] = dict(params or {})
    if _Defaults.validate if validate is None else validate:
        problems = tool.problems(given)
        if problems:
            raise ToolParameterError(tool.tool_name, problems)
    sent = encode_parameters(given, tool.encodings)
    invocation = session.tool
    if provider.type == "api":
        return invocation.invoke_api_tool(provider.id, tool.tool_name, sent)
    if provider.type == "builtin":
        return invocation.invoke_builtin_tool(provider.id, tool.tool_name, sent)
    return invocation.invoke_workflow_tool(provider.id, tool.tool_name, sent)


def call(
    session: Session,
    provider: Provider,
    tool: Tool,
    params: Mapping[str, object] | None,
    *,
    validate: bool | None,
    validate_results: bool | None,
) -> ToolCall[Any, Any, Any]:
    """What every wrapper does: ``invoke`` the tool and wrap its messages in a ``ToolCall``
    that checks results when ``validate_results`` (or ``configure``) says so."""
    check = _Defaults.validate_results if validate_results is None else validate_results
    return ToolCall(invoke(session, provider, tool, params, validate), tool, check)


_FILE_TYPES = {
    ToolInvokeMessage.MessageType.FILE,
    ToolInvokeMessage.MessageType.IMAGE,
    ToolInvokeMessage.MessageType.IMAGE_LINK,
    ToolInvokeMessage.MessageType.LINK,
    ToolInvokeMessage.MessageType.BLOB,
}


class ToolCall[Output, Variables, Body]:
    """One tool call: iterate it for the messages, or collect them with a helper.

    The call is made when the wrapper is called (its first message is read then, and a
    failed call raises there); the other messages are read once, as they are used, and
    kept: helpers may be combined.
    ``Output`` types ``json()``, ``Variables`` types ``variables()`` and ``Body`` types
    ``body()`` where the tool's source declares them (a tool's output_schema, a
    workflow's outputs, an API spec's success responses). They are checked against
    ``tool``'s result types only with ``validate_results``.
    """

    def __init__(
        self,
        stream: Iterable[ToolInvokeMessage],
        tool: Tool | None = None,
        validate_results: bool = False,
    ) -> None:
        self._stream: Iterator[ToolInvokeMessage] | None = iter(stream)
        self._seen: list[ToolInvokeMessage] = []
        self._tool = tool
        self._validate_results = validate_results
        # The SDK sends the request when its generator is first read: read the first
        # message now, so that the call is made (and fails) where the wrapper is called,
        # even when nothing reads its result.
        self._pull()

    def _pull(self) -> ToolInvokeMessage | None:
        """The next message from Dify, kept; None once the stream has ended."""
        if self._stream is None:
            return None
        message = next(self._stream, None)
        if message is None:
            self._stream = None
            return None
        self._seen.append(message)
        return message

    def _check(self, which: Literal["json", "body"], value: object) -> None:
        if self._tool is None or not self._validate_results:
            return
        problems = self._tool.result_problems(which, value)
        if problems:
            raise ToolResultError(
                self._tool.tool_name,
                f"does not match the spec's response schema: {'; '.join(problems)}",
                problems,
            )

    def __iter__(self) -> Iterator[ToolInvokeMessage]:
        index = 0
        while index < len(self._seen) or self._pull() is not None:
            yield self._seen[index]
            index += 1

    def messages(self) -> list[ToolInvokeMessage]:
        """Every message, in order."""
        return list(self)

    def text(self) -> str:
        """The text of every ``text`` message, joined."""
        return "".join(
            m.message.text
            for m in self
            if isinstance(m.message, ToolInvokeMessage.TextMessage)
            and m.type == ToolInvokeMessage.MessageType.TEXT
        )

    def json(self) -> list[Output]:
        """The object of every ``json`` message.

        An API tool's object body arrives as one ``json`` message (and again as text); an
        array or any other body gives none.
        """
        # The SDK declares json_object as a bare `Mapping | list`.
        objects: list[object] = [
            m.message.json_object  # pyright: ignore[reportUnknownMemberType]
            for m in self
            if isinstance(m.message, ToolInvokeMessage.JsonMessage)
        ]
        for value in objects:
            self._check("json", value)
        return cast(list[Output], objects)

    def body(self) -> Body:
        """An API tool's response body, parsed from the text Dify sends.

        Dify passes a JSON array or value only as a ``text`` message (an object also as a
        ``json`` message). Raises ``ToolResultError`` when the text is not JSON (e.g.
        Dify's "Empty response from the tool" for an empty body).
        """
        text = self.text()
        try:
            value: object = json.loads(text)
        except ValueError:
            detail = json.dumps(text[:100], ensure_ascii=False)
            name = self._tool.tool_name if self._tool else ""
            raise ToolResultError(name, f"the text is not JSON: {detail}") from None
        self._check("body", value)
        return cast(Body, value)

    def files(self) -> list[ToolInvokeMessage]:
        """Every ``file``, ``image``, ``image_link``, ``link`` and ``blob`` message."""
        return [m for m in self if m.type in _FILE_TYPES]

    def variables(self) -> Variables:
        """The final value of every ``variable`` message, by name (streamed text joined)."""
        out: dict[str, Any] = {}
        for m in self:
            if isinstance(m.message, ToolInvokeMessage.VariableMessage):
                name, value = m.message.variable_name, m.message.variable_value
                previous = out.get(name)
                streamed = m.message.stream and isinstance(previous, str)
                out[name] = f"{previous}{value}" if streamed else value
        return cast(Variables, out)


def text_message(text: str) -> ToolInvokeMessage:
    """A ``text`` message, as Dify sends it."""
    return ToolInvokeMessage(
        type=ToolInvokeMessage.MessageType.TEXT,
        message=ToolInvokeMessage.TextMessage(text=text),
    )


def json_message(value: JsonObject) -> ToolInvokeMessage:
    """A ``json`` message, as Dify sends it."""
    return ToolInvokeMessage(
        type=ToolInvokeMessage.MessageType.JSON,
        message=ToolInvokeMessage.JsonMessage(json_object=value),
    )


def variable_message(
    name: str, value: object, stream: bool = False
) -> ToolInvokeMessage:
    """A ``variable`` message, as Dify sends it."""
    return ToolInvokeMessage(
        type=ToolInvokeMessage.MessageType.VARIABLE,
        message=ToolInvokeMessage.VariableMessage(
            variable_name=name, variable_value=value, stream=stream
        ),
    )


class RecordedCall(NamedTuple):
    """A call a ``MockSession`` received: what the SDK would send to Dify."""

    tool_type: str
    provider: str
    tool: str
    tool_parameters: dict[str, Any]


class UnexpectedToolCall(AssertionError):
    """A ``MockSession`` was called for a tool without a registered reply."""


class _Silent(RequestReader, ResponseWriter):
    def _read_stream(self) -> Generator[Any, None, None]:
        yield from ()

    def write(self, data: str) -> None:
        msg = "a MockSession sends nothing to Dify"
        raise UnexpectedToolCall(msg)

    def done(self) -> None:
        pass


class _MockTools(ToolInvocation):
    def __init__(self, session: MockSession) -> None:
        super().__init__(session)
        self.mock = session

    def invoke(
        self,
        provider_type: ToolProviderType,
        provider: str,
        tool_name: str,
        parameters: dict[str, Any],
        credential_id: str | None = None,
    ) -> Generator[ToolInvokeMessage, None, None]:
        call = RecordedCall(provider_type.value, provider, tool_name, dict(parameters))
        self.mock.calls.append(call)
        key = (call.tool_type, provider, tool_name)
        if key not in self.mock.replies:
            registered = ", ".join("/".join(k) for k in self.mock.replies) or "none"
            msg = (
                f"no reply registered for {call.tool_type} tool {tool_name!r} of provider "
                f"{provider!r} (registered: {registered}); use MockSession.reply(wrapper, ...)"
            )
            raise UnexpectedToolCall(msg)
        reply = self.mock.replies[key]
        if isinstance(reply, BaseException):
            raise reply
        yield from reply(call.tool_parameters) if callable(reply) else reply


type Reply = (
    Iterable[ToolInvokeMessage]
    | BaseException
    | Callable[[dict[str, Any]], Iterable[ToolInvokeMessage]]
)
"""What a mocked tool does: yield these messages, fail with this exception (as Dify fails
a call, e.g. on a status >= 400), or answer the sent parameters."""


class MockSession(Session):
    """A session for tests: replies registered per wrapper, calls recorded.

    ``reply(petstore.add_pet, [text_message("ok")])`` makes every call of that wrapper yield
    those messages (an exception: every call fails with it; a function: it gets the sent
    parameters and returns the messages); ``calls`` lists what each call sent, encoded as
    Dify receives it; a call of a wrapper without a reply raises ``UnexpectedToolCall``.
    """

    def __init__(self) -> None:
        silent = _Silent()
        # The SDK types `context` as a bare `dict`; it is not passed here.
        super().__init__(  # pyright: ignore[reportUnknownMemberType]
            session_id="mock",
            executor=ThreadPoolExecutor(1),
            reader=silent,
            writer=silent,
        )
        self.replies: dict[
            tuple[str, str, str],
            list[ToolInvokeMessage]
            | BaseException
            | Callable[[dict[str, Any]], Iterable[ToolInvokeMessage]],
        ] = {}
        self.calls: list[RecordedCall] = []
        self.tool = _MockTools(self)

    def reply(
        self,
        wrapper: Callable[..., ToolCall[Any, Any, Any]],
        messages: Reply,
    ) -> None:
        """Registers what every call of ``wrapper`` does (see ``Reply``)."""
        module = vars(sys.modules[wrapper.__module__])
        if (
            not isinstance(module.get("TOOLS"), dict)
            or wrapper.__name__ not in module["TOOLS"]
        ):
            msg = f"{wrapper.__name__!r} is not a generated wrapper (no TOOLS entry in {wrapper.__module__})"
            raise TypeError(msg)
        provider = cast(Provider, module["PROVIDER"])
        tool = cast(dict[str, Tool], module["TOOLS"])[wrapper.__name__]
        key = (_METHODS[provider.type].value, provider.id, tool.tool_name)
        if isinstance(messages, BaseException) or callable(messages):
            self.replies[key] = messages
        else:
            self.replies[key] = list(messages)
