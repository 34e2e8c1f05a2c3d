#!/usr/bin/env python3
"""A contract-gen client of the conformance contract (Ticker), in Python 3.11.

Written from docs/protocol.md alone, with the standard library only: HTTP
calls and long polling of `_events` (no WebSocket). It checks the server's
answers as it goes, prints one line per check passed, and stops with exit
code 1 and a message at the first one that fails.

    python3 test/conformance/python/ticker_client.py http://127.0.0.1:4100
"""

from __future__ import annotations

import base64
import http.client
import json
import re
import sys
import threading
import time
import urllib.parse
import uuid
from datetime import datetime, timezone
from typing import Any, Callable


class CheckFailed(Exception):
    """A check did not pass: the script stops with its message."""


def check(name: str, ok: bool, detail: str = "") -> None:
    if not ok:
        raise CheckFailed(f"{name}: {detail}" if detail else name)
    print(f"ok - {name}", flush=True)


def expect(name: str, got: Any, want: Any) -> None:
    check(name, got == want, f"expected {want!r}, got {got!r}")


# --- Wire encoding -----------------------------------------------------------
#
# A schema is a tuple: ("string",), ("number",), ("bigint",), ("date",),
# ("bytes",), ("literal", values), ("array", item), ("tuple", items),
# ("record", value), ("nullable", inner), ("object", fields, optional keys),
# ("ref", name) for a named schema (Sample nests itself).

SCHEMAS: dict[str, tuple] = {}


def resolve(schema: tuple) -> tuple:
    return SCHEMAS[schema[1]] if schema[0] == "ref" else schema


def format_date(value: datetime) -> str:
    """RFC 3339 in UTC with milliseconds, as toISOString writes it."""
    utc = value.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def parse_date(text: str) -> datetime:
    # fromisoformat (3.11) reads "Z" and offsets; the server writes UTC with ms.
    return datetime.fromisoformat(text)


def encode(schema: tuple, value: Any) -> Any:
    schema = resolve(schema)
    kind = schema[0]
    if kind in ("string", "number", "literal"):
        return value
    if kind == "bigint":
        return str(value)
    if kind == "date":
        return format_date(value)
    if kind == "bytes":
        return base64.b64encode(bytes(value)).decode("ascii")
    if kind == "array":
        return [encode(schema[1], item) for item in value]
    if kind == "tuple":
        return [encode(s, item) for s, item in zip(schema[1], value)]
    if kind == "record":
        return {key: encode(schema[1], item) for key, item in value.items()}
    if kind == "nullable":
        return None if value is None else encode(schema[1], value)
    if kind == "object":
        return {
            key: encode(field, value[key]) for key, field in schema[1].items() if key in value
        }
    raise TypeError(f"unknown schema {kind}")


def decode(schema: tuple, value: Any) -> Any:
    schema = resolve(schema)
    kind = schema[0]
    if kind in ("string", "number", "literal"):
        return value
    if kind == "bigint":
        return int(value)
    if kind == "date":
        return parse_date(value)
    if kind == "bytes":
        return base64.b64decode(value, validate=True)
    if kind == "array":
        return [decode(schema[1], item) for item in value]
    if kind == "tuple":
        return tuple(decode(s, item) for s, item in zip(schema[1], value))
    if kind == "record":
        return {key: decode(schema[1], item) for key, item in value.items()}
    if kind == "nullable":
        return None if value is None else decode(schema[1], value)
    if kind == "object":
        return {
            key: decode(field, value[key]) for key, field in schema[1].items() if key in value
        }
    raise TypeError(f"unknown schema {kind}")


# The contract, ../shared/conformance/ticker.ts.
SCHEMAS["Sample"] = (
    "object",
    {
        "text": ("string",),
        "count": ("number",),
        "big": ("bigint",),
        "at": ("date",),
        "bytes": ("bytes",),
        "tags": ("array", ("string",)),
        "kind": ("literal", ("a", "b")),
        "pair": ("tuple", [("string",), ("number",)]),
        "attrs": ("record", ("literal", (True, False))),
        "nested": ("nullable", ("ref", "Sample")),
    },
    {"nested"},
)
CALLBACK = ("callback", "TickerEvents")
TICKER: dict[str, tuple[list[tuple], tuple]] = {
    "echo": ([("ref", "Sample")], ("ref", "Sample")),
    "add": ([("number",), ("number",)], ("number",)),
    "subscribe": ([("string",), CALLBACK], ("number",)),
    "publish": ([("string",), ("number",)], ("number",)),
    "subscribers": ([("string",)], ("number",)),
}
TICKER_EVENTS: dict[str, list[tuple]] = {
    "tick": [("string",), ("number",), ("date",)],
    "done": [("string",), ("number",)],
}


# --- HTTP ----------------------------------------------------------------------


class Answer:
    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.text = body.decode("utf-8")
        try:
            self.json: Any = json.loads(self.text) if self.text else None
        except ValueError:
            self.json = None

    def error_code(self) -> str | None:
        if isinstance(self.json, dict) and isinstance(self.json.get("error"), dict):
            return self.json["error"].get("code")
        return None

    def __repr__(self) -> str:
        return f"HTTP {self.status} {self.text[:300]}"


class ServerError(Exception):
    def __init__(self, answer: Answer) -> None:
        super().__init__(repr(answer))
        self.answer = answer
        self.status = answer.status
        self.code = answer.error_code()
        self.error = answer.json["error"] if self.code is not None else {}


class Http:
    """One request per connection: simple, and a parked poll blocks nothing else."""

    def __init__(self, base_url: str) -> None:
        url = urllib.parse.urlsplit(base_url)
        if url.scheme not in ("http", "https"):
            raise ValueError(f"the base URL must be http(s)://..., not {base_url!r}")
        self.scheme = url.scheme
        self.netloc = url.netloc
        self.base = url.path.rstrip("/")

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 60.0,
    ) -> Answer:
        cls = http.client.HTTPSConnection if self.scheme == "https" else http.client.HTTPConnection
        conn = cls(self.netloc, timeout=timeout)
        try:
            conn.request(method, self.base + path, body=body, headers=headers or {})
            response = conn.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            conn.close()

    def post_json(self, path: str, value: Any, headers: dict[str, str] | None = None) -> Answer:
        body = json.dumps(value, allow_nan=False, ensure_ascii=False).encode("utf-8")
        return self.request(
            "POST", path, body, {"content-type": "application/json", **(headers or {})}
        )


# --- The client ----------------------------------------------------------------


class Gap:
    def __init__(self, raw: dict[str, Any]) -> None:
        self.first = int(raw["from"])
        self.last = int(raw["to"])
        self.count = int(raw["count"])
        self.reason = str(raw["reason"])

    def __repr__(self) -> str:
        return f"gap {self.first}..{self.last} ({self.count}, {self.reason})"


class TickerClient:
    """Calls of Ticker, callbacks of TickerEvents and their events over long polling."""

    def __init__(self, base_url: str) -> None:
        self.http = Http(base_url)
        self.client_id: str | None = None
        self.ttl = 0
        self.max_wait = 0
        self.last_seq = 0  # the last seq processed: acknowledged by the next poll's `after`
        self.next_cb = 1
        self.callbacks: dict[int, Any] = {}  # live callback ids -> local objects
        self.released: set[int] = set()
        self.gaps: list[Gap] = []  # reported to the application, once each
        self.dropped: list[dict[str, Any]] = []  # events for released or unknown callbacks
        self.repeats = 0  # events answered again and dropped as already processed

    # _open
    def open(self) -> dict[str, Any]:
        answer = self.http.post_json("/_open", {})
        if answer.status != 200:
            raise ServerError(answer)
        self.client_id = answer.json["client"]
        self.ttl = answer.json["ttl"]
        self.max_wait = answer.json["wait"]
        return answer.json

    def headers(self) -> dict[str, str]:
        return {} if self.client_id is None else {"x-contract-client": self.client_id}

    # POST {base}/Ticker/{method}
    def call(self, method: str, *args: Any) -> Any:
        params, result = TICKER[method]
        wire: list[Any] = []
        for schema, value in zip(params, args):
            if schema == CALLBACK:
                wire.append({"$cb": self.bind(value)})
            else:
                wire.append(encode(schema, value))
        answer = self.http.post_json(f"/Ticker/{method}", wire, self.headers())
        if answer.status != 200:
            raise ServerError(answer)
        return decode(result, answer.json["result"])

    def bind(self, target: Any) -> int:
        for cb, bound in self.callbacks.items():
            if bound is target:
                return cb
        cb = self.next_cb
        self.next_cb += 1
        self.callbacks[cb] = target
        return cb

    # GET {base}/_events?after=&wait=
    def poll(self, wait_ms: int = 0) -> int:
        """One poll; delivers new events in order. Returns how many were delivered."""
        query = urllib.parse.urlencode({"after": self.last_seq, "wait": wait_ms})
        answer = self.http.request(
            "GET", f"/_events?{query}", headers=self.headers(), timeout=wait_ms / 1000 + 30
        )
        if answer.status != 200:
            raise ServerError(answer)
        if "gap" in answer.json:
            gap = Gap(answer.json["gap"])
            # Report the part above what was delivered, once; then acknowledge it.
            if gap.last > self.last_seq:
                if gap.first <= self.last_seq:
                    gap.first = self.last_seq + 1
                self.gaps.append(gap)
                self.last_seq = gap.last
        delivered = 0
        for event in answer.json["events"]:
            seq = event["seq"]
            if seq <= self.last_seq:
                self.repeats += 1
                continue
            if seq != self.last_seq + 1:
                raise CheckFailed(f"events out of order: seq {seq} after {self.last_seq}")
            self.last_seq = seq
            target = self.callbacks.get(event["cb"])
            if target is None or "released" in event:
                if "released" in event:
                    self.callbacks.pop(event["cb"], None)
                self.dropped.append(event)
                continue
            args = [decode(s, a) for s, a in zip(TICKER_EVENTS[event["method"]], event["args"])]
            getattr(target, event["method"])(*args)
            delivered += 1
        return delivered

    def ack(self) -> None:
        """Acknowledges what was processed without waiting (a heartbeat poll)."""
        self.poll(0)

    # POST {base}/_release
    def release(self, *targets: Any) -> None:
        ids = [cb for cb, bound in self.callbacks.items() if any(bound is t for t in targets)]
        answer = self.http.post_json("/_release", ids, self.headers())
        if answer.status != 200:
            raise ServerError(answer)
        for cb in ids:
            del self.callbacks[cb]
            self.released.add(cb)

    # POST {base}/_close
    def close(self) -> None:
        answer = self.http.request("POST", "/_close", b"", self.headers())
        if answer.status != 200 and not (
            answer.status == 410 and answer.json["error"]["details"]["reason"] == "closed"
        ):
            raise ServerError(answer)
        self.client_id = None
        self.callbacks.clear()


class Recorder:
    """A TickerEvents implementation that records what it receives."""

    def __init__(self) -> None:
        self.got: list[tuple] = []

    def tick(self, symbol: str, n: float, at: datetime) -> None:
        self.got.append(("tick", symbol, n, at))

    def done(self, symbol: str, total: float) -> None:
        self.got.append(("done", symbol, total))


def burst(symbol: str, count: int) -> list[tuple]:
    return [("tick", symbol, n) for n in range(1, count + 1)] + [("done", symbol, count)]


def shape(got: list[tuple]) -> list[tuple]:
    """The events without their times (checked apart)."""
    return [e[:3] for e in got]


def drain(client: TickerClient, until: Callable[[], bool], polls: int = 200) -> None:
    for _ in range(polls):
        if until():
            return
        client.poll(2000)
    raise CheckFailed("events did not all arrive")


def expect_error(name: str, fn: Callable[[], Any], status: int, code: str) -> ServerError:
    try:
        fn()
    except ServerError as error:
        check(
            name,
            error.status == status and error.code == code,
            f"expected {status} {code}, got {error.answer!r}",
        )
        return error
    raise CheckFailed(f"{name}: expected {status} {code}, the call succeeded")


# --- The checks ------------------------------------------------------------------


def run(base_url: str) -> None:
    run_id = uuid.uuid4().hex[:8]
    sym = f"PY-{run_id}"
    client = TickerClient(base_url)
    http_ = client.http

    # _open
    opened = client.open()
    check(
        "open: a client id of 22 base64url characters, ttl and wait in ms",
        re.fullmatch(r"[A-Za-z0-9_-]{22}", opened["client"]) is not None
        and isinstance(opened["ttl"], int)
        and isinstance(opened["wait"], int)
        and 0 < opened["wait"] <= opened["ttl"] / 2,
        repr(opened),
    )

    # Calls and encodings
    expect("call: add(2, 40) is 42", client.call("add", 2, 40), 42)
    big = -(2**80) - 7
    when = datetime(2024, 5, 1, 12, 0, 0, 123000, tzinfo=timezone.utc)
    inner = {
        "text": "inner ☃ 😀",
        "count": -0.5,
        "big": 0,
        "at": datetime(1969, 7, 20, 20, 17, 40, tzinfo=timezone.utc),
        "bytes": b"",
        "tags": [],
        "kind": "b",
        "pair": ("", 0),
        "attrs": {},
        "nested": None,
    }
    sample = {
        "text": "hello",
        "count": 3.25,
        "big": big,
        "at": when,
        "bytes": bytes([0, 1, 2, 250, 251, 252, 253, 254, 255]),
        "tags": ["x", "y"],
        "kind": "a",
        "pair": ("p", 9),
        "attrs": {"on": True, "off": False, "": True},
        "nested": inner,
    }
    expect(
        "call: echo round-trips a Sample of every encoding",
        client.call("echo", sample),
        sample,
    )
    wire = encode(("ref", "Sample"), sample)
    expect(
        "encoding: a bigint is a decimal string, a Date RFC 3339, bytes padded base64",
        (wire["big"], wire["at"], wire["bytes"]),
        ("-1208925819614629174706183", "2024-05-01T12:00:00.123Z", "AAEC+vv8/f7/"),
    )
    raw = http_.post_json("/Ticker/echo", [wire])
    expect("encoding: the server writes them back the same", raw.json["result"], wire)
    without_nested = {k: v for k, v in sample.items() if k != "nested"}
    expect(
        "call: an optional property may be left out",
        client.call("echo", without_nested),
        without_nested,
    )
    variants = dict(wire, at="2024-05-01t14:00:00.123+02:00", nested=None)
    raw = http_.post_json("/Ticker/echo", [variants])
    expect(
        "encoding: a Date with an offset and lower-case t is read; written back in UTC",
        raw.json["result"]["at"],
        "2024-05-01T12:00:00.123Z",
    )
    raw = http_.post_json("/Ticker/echo", [dict(variants, at="2024-05-01")])
    expect(
        "encoding: a date alone is midnight UTC",
        raw.json["result"]["at"],
        "2024-05-01T00:00:00.000Z",
    )
    raw = http_.post_json("/Ticker/echo", [dict(variants, at="2024-05-01T12:00:00.123999Z")])
    expect(
        "encoding: fraction digits past milliseconds are cut, not rounded",
        raw.json["result"]["at"],
        "2024-05-01T12:00:00.123Z",
    )
    raw = http_.post_json("/Ticker/echo", [dict(variants, bytes="AQI", big="-007")])
    expect(
        "encoding: base64 without padding and a bigint with leading zeros are read",
        (raw.json["result"]["bytes"], raw.json["result"]["big"]),
        ("AQI=", "-7"),
    )

    # Errors
    error = expect_error(
        "error: add(2**53 - 1, 1) is 422 OVERFLOW with details",
        lambda: client.call("add", 2**53 - 1, 1),
        422,
        "OVERFLOW",
    )
    expect("error: OVERFLOW details", error.error.get("details"), {"a": 2**53 - 1, "b": 1})
    answer = http_.post_json("/Ticker/add", ["2", 1])
    check(
        "error: a string for a number is 400 BAD_ARGUMENT at args[0]",
        answer.status == 400
        and answer.error_code() == "BAD_ARGUMENT"
        and answer.json["error"].get("path") == "args[0]"
        and isinstance(answer.json["error"].get("message"), str),
        repr(answer),
    )
    check(
        "error: error answers are application/json",
        answer.headers.get("content-type", "").startswith("application/json"),
        repr(answer.headers.get("content-type")),
    )
    for field, bad, path, what in (
        ("at", "soon", "args[0].at", '"soon"'),
        ("at", "2024-05-01T12:00:00", "args[0].at", "a time without an offset"),
        ("big", "1.5", "args[0].big", '"1.5"'),
        ("big", "+5", "args[0].big", '"+5"'),
        ("bytes", "not base64!", "args[0].bytes", '"not base64!"'),
        ("bytes", "-_8=", "args[0].bytes", "URL-safe base64"),
        ("kind", "c", "args[0].kind", '"c"'),
        ("pair", ["p"], "args[0].pair", "a tuple of 1"),
        ("tags", ["a", 3], "args[0].tags[1]", "a number in string[]"),
        ("attrs", {"a b": 1}, 'args[0].attrs["a b"]', "1 for a boolean"),
        ("nested", dict(wire["nested"], text=1), "args[0].nested.text", "1 for a string"),
    ):
        answer = http_.post_json("/Ticker/echo", [dict(wire, **{field: bad})])
        check(
            f"error: {what} is 400 BAD_ARGUMENT at {path}",
            answer.status == 400
            and answer.error_code() == "BAD_ARGUMENT"
            and answer.json["error"].get("path") == path,
            repr(answer),
        )
    for args in ([1, 2, 3], [1]):
        answer = http_.post_json("/Ticker/add", args)
        check(
            f"error: add({', '.join(map(str, args))}) is 400 BAD_ARGUMENT at args",
            answer.status == 400
            and answer.error_code() == "BAD_ARGUMENT"
            and answer.json["error"].get("path") == "args",
            repr(answer),
        )
    answer = http_.request(
        "POST", "/Ticker/add", b"[1, 2]", {"content-type": "text/plain"}
    )
    expect(
        "error: a call that is not application/json is 415",
        (answer.status, answer.error_code()),
        (415, "UNSUPPORTED_MEDIA_TYPE"),
    )
    answer = http_.request("GET", "/Ticker/add")
    expect(
        "error: GET of a call is 405 with Allow: POST",
        (answer.status, answer.error_code(), answer.headers.get("allow")),
        (405, "METHOD_NOT_ALLOWED", "POST"),
    )
    answer = http_.post_json("/Ticker/nope", [])
    expect(
        "error: an unknown method is 404",
        (answer.status, answer.error_code()),
        (404, "NOT_FOUND"),
    )
    answer = http_.request("POST", "/Ticker/add", b"[1,", {"content-type": "application/json"})
    expect(
        "error: malformed JSON is 400",
        (answer.status, answer.error_code()),
        (400, "BAD_REQUEST"),
    )
    answer = http_.post_json("/Ticker/subscribe", [sym, {"$cb": 1}])
    expect(
        "error: a callback without x-contract-client is 400 BAD_REQUEST",
        (answer.status, answer.error_code()),
        (400, "BAD_REQUEST"),
    )
    answer = http_.post_json("/Ticker/subscribe", [sym, {"$cb": 1, "id": 1}], client.headers())
    expect(
        'error: {"$cb": n} with another key is 400 BAD_ARGUMENT',
        (answer.status, answer.error_code()),
        (400, "BAD_ARGUMENT"),
    )
    answer = http_.request("GET", "/_events?after=-1", headers=client.headers())
    expect(
        "error: a negative after is 400 BAD_REQUEST",
        (answer.status, answer.error_code()),
        (400, "BAD_REQUEST"),
    )
    answer = http_.post_json("/Ticker/add", [1, 2], {"x-contract-client": "A" * 22})
    check(
        "error: an unknown client id is 410 UNKNOWN_CLIENT, even on a call that needs none",
        answer.status == 410
        and answer.error_code() == "UNKNOWN_CLIENT"
        and answer.json["error"]["details"]["reason"] == "unknown",
        repr(answer),
    )

    # Callbacks and events
    first, second = Recorder(), Recorder()
    expect(
        "subscribe: the first callback makes 1 subscription",
        client.call("subscribe", sym, first),
        1,
    )
    expect("subscribe: a second callback makes 2", client.call("subscribe", sym, second), 2)
    expect("subscribers: 2", client.call("subscribers", sym), 2)
    expect("publish: reaches 2 subscriptions", client.call("publish", sym, 3), 2)

    # Read without acknowledging, twice: the same events come again.
    query = urllib.parse.urlencode({"after": client.last_seq, "wait": 0})
    once = http_.request("GET", f"/_events?{query}", headers=client.headers()).json
    again = http_.request("GET", f"/_events?{query}", headers=client.headers()).json
    check(
        "events: unacknowledged events are answered again, seqs 1, 2, ... in order",
        once == again and [e["seq"] for e in once["events"]] == list(range(1, 9)),
        repr(once),
    )
    check(
        "events: each carries cb, method and args",
        all({"seq", "cb", "method", "args"} <= e.keys() for e in once["events"]),
        repr(once),
    )
    drain(client, lambda: len(first.got) == 4 and len(second.got) == 4)
    expect("events: the first callback gets its burst in order", shape(first.got), burst(sym, 3))
    expect("events: the second callback too", shape(second.got), burst(sym, 3))
    check(
        "events: tick dates decode",
        all(isinstance(e[3], datetime) and e[3].tzinfo is not None for e in first.got[:3]),
        repr(first.got),
    )
    # A repeat read (a lost answer) is dropped: poll with an old `after`.
    client.ack()
    acked = client.last_seq
    client.last_seq = 0
    client.poll(0)
    check(
        "events: after acknowledging, the server forgets: nothing comes again",
        client.repeats == 0 and len(first.got) == 4,
        f"repeats {client.repeats}",
    )
    client.last_seq = acked

    # A long poll parked before the events answers as soon as they are queued.
    parked: dict[str, Any] = {}

    def long_poll() -> None:
        try:
            parked["delivered"] = client.poll(min(20000, client.max_wait))
        except Exception as error:  # noqa: BLE001 - reported below
            parked["error"] = error

    thread = threading.Thread(target=long_poll)
    thread.start()
    # Give the poll time to park (no other poll may run meanwhile: a second
    # parked poll would end the first). Had it not parked yet, it finds the
    # events queued: the check holds either way.
    time.sleep(0.3)
    client.call("publish", sym, 2)
    thread.join(60)
    check(
        "events: a parked long poll ends with the events",
        "error" not in parked and parked.get("delivered", 0) > 0,
        repr(parked),
    )
    drain(client, lambda: len(first.got) == 7 and len(second.got) == 7)
    expect(
        "events: long-polled events arrive in order, exactly once",
        shape(first.got[4:]) + shape(second.got[4:]),
        burst(sym, 2) + burst(sym, 2),
    )
    empty = http_.request(
        "GET", f"/_events?after={client.last_seq}&wait=200", headers=client.headers()
    )
    expect("events: a long poll with nothing queued ends empty", empty.json, {"events": []})

    # _release
    client.release(first)
    expect("release: released callbacks do not count", client.call("subscribers", sym), 1)
    expect("release: publish reaches the one left", client.call("publish", sym, 1), 1)
    drain(client, lambda: len(second.got) == 9)
    check(
        "release: only the live callback gets events",
        len(first.got) == 7 and shape(second.got[7:]) == burst(sym, 1),
        repr(second.got[7:]),
    )
    answer = http_.post_json("/_release", [999999], client.headers())
    expect(
        "release: unknown ids are ignored",
        (answer.status, answer.json),
        (200, {"result": None}),
    )
    answer = http_.post_json("/_release", {"ids": [1]}, client.headers())
    expect(
        "release: a bad body is 400",
        (answer.status, answer.error_code()),
        (400, "BAD_REQUEST"),
    )

    # The `lost` gap: an `after` beyond the last seq.
    lost_after = client.last_seq + 5
    answer = http_.request("GET", f"/_events?after={lost_after}", headers=client.headers())
    gap = answer.json.get("gap")
    check(
        "gap: an after beyond the last seq answers a lost gap of one seq, count 0",
        answer.status == 200
        and gap is not None
        and gap["reason"] == "lost"
        and gap["count"] == 0
        and gap["from"] == gap["to"] == lost_after + 1,
        repr(answer),
    )
    client.last_seq = gap["to"]
    client.call("publish", sym, 1)
    drain(client, lambda: len(second.got) == 11)
    expect("gap: seqs go on after the lost one", shape(second.got[9:]), burst(sym, 1))

    # _close
    client.close()
    closed_id = opened["client"]
    answer = http_.request("GET", "/_events", headers={"x-contract-client": closed_id})
    check(
        "close: the id is refused after with 410 UNKNOWN_CLIENT, reason closed",
        answer.status == 410
        and answer.error_code() == "UNKNOWN_CLIENT"
        and answer.json["error"]["details"]["reason"] == "closed",
        repr(answer),
    )
    expect("close: its callbacks are released", client.call("subscribers", sym), 0)

    # An overflow gap: 10,002 ticks and a done to a fresh client drop the oldest three.
    gapped = TickerClient(base_url)
    gapped.open()
    recorder = Recorder()
    gap_sym = f"{sym}-GAP"
    gapped.call("subscribe", gap_sym, recorder)
    gapped.call("publish", gap_sym, 10002)
    drain(gapped, lambda: len(recorder.got) == 10000, polls=1000)
    check(
        "gap: an overflow gap reports the oldest seqs dropped, once",
        len(gapped.gaps) == 1
        and (gapped.gaps[0].first, gapped.gaps[0].last, gapped.gaps[0].count)
        == (1, 3, 3)
        and gapped.gaps[0].reason == "overflow",
        repr(gapped.gaps),
    )
    expect(
        "gap: then the rest of the burst, in order",
        shape(recorder.got),
        burst(gap_sym, 10002)[3:],
    )
    gapped.close()


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(f"usage: {argv[0]} <base URL, e.g. http://127.0.0.1:4100>", file=sys.stderr)
        return 2
    try:
        run(argv[1])
    except CheckFailed as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        return 1
    except ServerError as error:
        print(f"FAILED: unexpected server answer {error.answer!r}", file=sys.stderr)
        return 1
    except (OSError, http.client.HTTPException) as error:
        print(f"FAILED: could not talk to {argv[1]}: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # an answer of an unexpected shape
        print(f"FAILED: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
