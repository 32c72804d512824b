"""What crosses between the judge (the graded tests) and the worker (the learner's code): data
with exact types, never a live object.

Values travel as JSON. Python's `None`, `bool`, `int`, `float` and `str` of exactly those types
go as themselves; everything else is a tagged object (`{"$": tag, ...}`):

- `list`, `tuple`, `dict` of exactly those types, item by item;
- `torch.Size`, torch's own tuple of ints (what `tensor.shape` gives), as itself: sizes only;
- numpy arrays and scalars (dtype, shape, raw bytes), torch tensors (dtype, shape, device, raw
  bytes, whether they require a gradient and carry an autograd graph), devices and dtypes;
- a torch module as a description: its class, its settings, its parameters and buffers, its
  children (kata.testing.wire_modules). The side that reads it builds its own module from that
  (`build_module`), so the judge checks numbers it computed itself, never an object the
  learner's code made;
- anything else (a subclass of list, tuple, dict or str, an object of the learner's own class)
  as `object`: its type's name and a short repr, which fails every type check.

Both directions use this module; it imports nothing of the kata's but the standard library,
numpy and torch, so a worker holds no grading code.
"""

from __future__ import annotations

import base64
import json
import math
import struct
from collections.abc import Callable
from typing import Any

import numpy as np
import torch
from torch import nn

# Bytes: far more than any exercise returns (KBs); a 64 MiB frame of nested lists took a judge to 1.9 GB.
MAX_MESSAGE = 16 * 1024 * 1024
MAX_DEPTH = 40  # nesting of lists, tuples, dicts and modules
DTYPES = {
    str(dtype).removeprefix("torch."): dtype
    for dtype in (
        torch.float16,
        torch.bfloat16,
        torch.float32,
        torch.float64,
        torch.complex64,
        torch.complex128,
        torch.uint8,
        torch.int8,
        torch.int16,
        torch.int32,
        torch.int64,
        torch.bool,
    )
}
NUMPY_KINDS = frozenset("biufc?")  # bool, int, uint, float, complex: what an exercise can return


class WireError(ValueError):
    """A message that does not follow the protocol: the judge treats it as a broken worker."""


# -- framing -------------------------------------------------------------------------------
def pack(message: dict) -> bytes:
    body = json.dumps(message, separators=(",", ":"), allow_nan=True).encode("utf-8")
    return struct.pack("!Q", len(body)) + body


def unpack(body: bytes) -> dict:
    try:
        message = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise WireError(f"not a protocol message: {error}") from None
    if not isinstance(message, dict):
        raise WireError("a protocol message is a JSON object")
    return message


def frame_length(header: bytes) -> int:
    (length,) = struct.unpack("!Q", header)
    if length > MAX_MESSAGE:
        raise WireError(f"a message of {length:,} bytes is over the limit")
    return length


# -- tensors and arrays ---------------------------------------------------------------------
def _bytes_of(tensor: torch.Tensor) -> str:
    flat = tensor.detach().to("cpu").contiguous().reshape(-1)
    if flat.dtype == torch.bool:
        flat = flat.to(torch.uint8)
    return base64.b64encode(flat.view(torch.uint8).numpy().tobytes()).decode("ascii")


def encode_tensor(tensor: torch.Tensor) -> dict:
    meta = tensor.device.type == "meta"
    return {
        "$": "tensor",
        "dtype": str(tensor.dtype).removeprefix("torch."),
        "shape": list(tensor.shape),
        "device": str(tensor.device),
        "data": None if meta else _bytes_of(tensor),
        "requires_grad": bool(tensor.requires_grad),
        "graph": tensor.grad_fn is not None,
        "parameter": isinstance(tensor, nn.Parameter),
    }


def shape_of(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list) or len(value) > 16 or not all(type(n) is int and 0 <= n < 2**40 for n in value):
        raise WireError("a shape is a short list of sizes")
    return tuple(value)


def size_of(value: Any) -> torch.Size:
    """A torch.Size from its items: at most 64 ints (a tensor's dimensions), each one an int64."""
    if (
        not isinstance(value, list)
        or len(value) > 64
        or not all(type(n) is int and -(2**63) <= n < 2**63 for n in value)
    ):
        raise WireError("a torch.Size is a short list of ints")
    return torch.Size(value)


def decode_tensor(data: dict, device_map: Callable[[str], str] | None = None) -> torch.Tensor:
    dtype = DTYPES.get(data.get("dtype", ""))
    if dtype is None:
        raise WireError(f"unknown dtype {data.get('dtype')!r}")
    shape = shape_of(data.get("shape"))
    device = str(data.get("device", "cpu"))
    if device_map is not None:
        device = device_map(device)
    if device.startswith("meta"):
        tensor = torch.empty(shape, dtype=dtype, device="meta")
    else:
        raw = base64.b64decode(data.get("data") or "", validate=True)
        count = math.prod(shape)
        storage = torch.bool if dtype == torch.bool else dtype
        size = torch.empty((), dtype=storage).element_size() if storage != torch.bool else 1
        if len(raw) != count * size:
            raise WireError("a tensor's bytes do not match its shape")
        if count == 0:
            tensor = torch.empty(shape, dtype=dtype)
        else:
            flat = torch.frombuffer(bytearray(raw), dtype=torch.uint8)
            tensor = flat.view(dtype).reshape(shape) if dtype != torch.bool else flat.to(torch.bool).reshape(shape)
        tensor = tensor.to(device)
    if data.get("parameter"):
        return nn.Parameter(tensor, requires_grad=bool(data.get("requires_grad")))
    if data.get("requires_grad") and (tensor.is_floating_point() or tensor.is_complex()):
        tensor.requires_grad_(True)
        if data.get("graph"):
            tensor = tensor.clone()  # a result computed from other tensors: it carries a graph
    return tensor


def encode_array(array: np.ndarray | np.generic) -> dict:
    tag = "ndarray" if isinstance(array, np.ndarray) else "npscalar"
    flat = np.asarray(array)  # a scalar stays 0-d (ascontiguousarray would make it 1-d)
    flat = np.ascontiguousarray(flat) if flat.ndim else flat
    return {
        "$": tag,
        "dtype": flat.dtype.str,
        "shape": list(flat.shape),
        "data": base64.b64encode(flat.tobytes()).decode("ascii"),
    }


def decode_array(data: dict) -> np.ndarray | np.generic:
    try:
        dtype = np.dtype(str(data.get("dtype")))
    except TypeError:
        raise WireError(f"unknown numpy dtype {data.get('dtype')!r}") from None
    if dtype.kind not in NUMPY_KINDS:
        raise WireError(f"numpy dtype {dtype} is not sent")
    shape = shape_of(data.get("shape"))
    raw = base64.b64decode(data.get("data") or "", validate=True)
    if len(raw) != math.prod(shape) * dtype.itemsize:
        raise WireError("an array's bytes do not match its shape")
    array = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    return array if data["$"] == "ndarray" else array[()]


# -- values -------------------------------------------------------------------------------------
class Encoder:
    """Values to JSON-ready data. Modules and everything that is not data go through the hooks:
    the worker keeps them and sends a handle, the judge sends what the worker can rebuild."""

    def __init__(self, on_module: Callable[[nn.Module], Any], on_other: Callable[[Any], dict]) -> None:
        self.on_module = on_module
        self.on_other = on_other

    def encode(self, value: Any, depth: int = 0) -> Any:
        kind = type(value)
        if value is None or kind in (bool, int, float, str):
            return value
        if depth > MAX_DEPTH:
            return self.on_other(value)
        if kind is list or kind is tuple:
            return {"$": kind.__name__, "items": [self.encode(item, depth + 1) for item in value]}
        if kind is dict:
            return {
                "$": "dict",
                "items": [[self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in value.items()],
            }
        if kind is torch.Size:
            return {"$": "size", "items": [int(n) for n in value]}
        if kind is torch.Tensor or kind is nn.Parameter:
            return encode_tensor(value)
        if kind is np.ndarray and value.dtype.kind in NUMPY_KINDS:
            return encode_array(value)
        if isinstance(value, np.generic) and kind.__module__ == "numpy" and np.dtype(kind).kind in NUMPY_KINDS:
            return encode_array(value)
        if kind is torch.device:
            return {"$": "device", "value": str(value)}
        if kind is torch.dtype:
            return {"$": "dtype", "value": str(value).removeprefix("torch.")}
        if isinstance(value, nn.Module):
            return self.on_module(value)
        return self.on_other(value)


class Decoder:
    """JSON data back to values; modules, references and foreign objects through the hooks."""

    def __init__(
        self,
        on_module: Callable[[dict], Any],
        on_ref: Callable[[int], Any] | None = None,
        on_object: Callable[[dict], Any] | None = None,
        device_map: Callable[[str], str] | None = None,
    ) -> None:
        self.on_module = on_module
        self.on_ref = on_ref
        self.on_object = on_object
        self.device_map = device_map

    def decode(self, data: Any, depth: int = 0) -> Any:
        if data is None or type(data) in (bool, int, float, str):
            return data
        if depth > MAX_DEPTH + 2 or not isinstance(data, dict):
            raise WireError("malformed value")
        tag = data.get("$")
        if tag in ("list", "tuple"):
            items = [self.decode(item, depth + 1) for item in _items(data)]
            return items if tag == "list" else tuple(items)
        if tag == "dict":
            pairs = [(self.decode(k, depth + 1), self.decode(v, depth + 1)) for k, v in _pairs(data)]
            try:
                return dict(pairs)
            except TypeError:
                raise WireError("a dict key that cannot be one") from None
        if tag == "size":
            return size_of(data.get("items"))
        if tag == "tensor":
            return decode_tensor(data, self.device_map)
        if tag in ("ndarray", "npscalar"):
            return decode_array(data)
        if tag == "device":
            return torch.device(str(data.get("value")))
        if tag == "dtype":
            dtype = DTYPES.get(data.get("value", ""))
            if dtype is None:
                raise WireError("unknown dtype")
            return dtype
        if tag == "module":
            return self.on_module(data)
        if tag == "ref" and self.on_ref is not None and type(data.get("handle")) is int:
            return self.on_ref(data["handle"])
        if tag == "object" and self.on_object is not None:
            return self.on_object(data)
        raise WireError(f"unknown value tag {tag!r}")


def _items(data: dict) -> list:
    items = data.get("items")
    if not isinstance(items, list):
        raise WireError("items are a list")
    return items


def _pairs(data: dict) -> list:
    pairs = _items(data)
    if not all(isinstance(pair, list) and len(pair) == 2 for pair in pairs):
        raise WireError("dict items are pairs")
    return pairs


# -- the socket -----------------------------------------------------------------------------------
def send(sock: Any, message: dict) -> None:
    sock.sendall(pack(message))


def _exactly(sock: Any, count: int) -> bytes | None:
    chunks, got = [], 0
    while got < count:
        chunk = sock.recv(min(count - got, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def receive(sock: Any) -> dict | None:
    """The next message, or None when the other side has closed the socket."""
    header = _exactly(sock, 8)
    if header is None:
        return None
    body = _exactly(sock, frame_length(header))
    if body is None:
        return None
    return unpack(body)
