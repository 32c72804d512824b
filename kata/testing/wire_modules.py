"""A torch module as it crosses between the judge and the worker (kata.testing.wire): a
description of its class, settings, parameters, buffers and children, and the module each side
builds from one. A class name is never trusted: only a description that has exactly the
parameters of torch's own class becomes that class; anything else becomes what the reading side's
`factory` makes of it (the judge: a stand-in whose forward runs in the worker).

Like kata.testing.wire, it imports nothing of the kata's but that module, numpy and torch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from torch import nn

from kata.testing.wire import MAX_DEPTH, WireError, decode_tensor, encode_tensor, shape_of

# torch modules a description may name, with the settings their constructor takes.
MODULE_SETTINGS: dict[str, tuple[str, ...]] = {
    "RNN": (
        "input_size",
        "hidden_size",
        "num_layers",
        "nonlinearity",
        "bias",
        "batch_first",
        "dropout",
        "bidirectional",
    ),
    "GRU": ("input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional"),
    "LSTM": ("input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional", "proj_size"),
    "RNNCell": ("input_size", "hidden_size", "bias", "nonlinearity"),
    "Linear": ("in_features", "out_features"),
    "Embedding": ("num_embeddings", "embedding_dim", "padding_idx"),
    "Softmax": ("dim",),
    "LogSoftmax": ("dim",),
    "Tanh": (),
    "Sigmoid": (),
    "ReLU": (),
    "Identity": (),
    "Dropout": ("p",),
    "Sequential": (),
    "ModuleList": (),
}
# Settings read from any module, so that a learner's own module reports its RNN-like settings too.
SETTINGS_SHOWN = (
    "input_size",
    "hidden_size",
    "num_layers",
    "nonlinearity",
    "bias",
    "batch_first",
    "bidirectional",
    "proj_size",
    "in_features",
    "out_features",
)


def torch_class_of(module: nn.Module) -> str | None:
    """The name of a torch module class this module is exactly an instance of (no subclass)."""
    kind = type(module)
    name = kind.__name__
    if name in MODULE_SETTINGS and getattr(nn, name, None) is kind:
        return name
    return None


def module_settings(module: nn.Module, names: tuple[str, ...]) -> dict:
    found = {}
    for name in names:
        value = module.__dict__.get(name, getattr(type(module), name, None))
        if name == "bias" and not isinstance(value, bool):
            value = module.__dict__.get("_parameters", {}).get("bias") is not None
        if value is None or type(value) in (bool, int, float, str):
            found[name] = value
    return found


def describe_module(module: nn.Module, encode: Callable[[Any], Any], depth: int = 0) -> dict:
    """A module as data: class, settings, own parameters and buffers, children, in order."""
    if depth > MAX_DEPTH:
        raise WireError("modules nested too deep")
    torch_class = torch_class_of(module)
    names = MODULE_SETTINGS[torch_class] if torch_class else SETTINGS_SHOWN
    return {
        "$": "module",
        "type": type(module).__name__,
        "torch_class": torch_class,
        "settings": module_settings(module, names),
        "training": bool(module.training),
        "parameters": [
            [
                name,
                None
                if p is None
                else {**encode_tensor(p), "grad": encode_tensor(p.grad) if p.grad is not None else None},
            ]
            for name, p in module._parameters.items()
        ],
        "buffers": [[name, None if b is None else encode_tensor(b)] for name, b in module._buffers.items()],
        "children": [  # a slot may hold None (register_module(name, None)): it crosses as None
            [name, None if child is None else describe_module(child, encode, depth + 1)]
            for name, child in module._modules.items()
        ],
    }


def build_module(data: dict, factory: Callable[[dict], nn.Module] | None = None, depth: int = 0) -> nn.Module:
    """A module of our own from a description: torch's own class where it names one, else what
    `factory` makes of it (the judge: a stand-in that calls the worker)."""
    if depth > MAX_DEPTH or data.get("$") != "module":
        raise WireError("not a module description")
    torch_class = data.get("torch_class")
    settings = data.get("settings") or {}
    if not isinstance(settings, dict):
        raise WireError("settings are a dict")
    if torch_class in MODULE_SETTINGS:
        kwargs = {k: v for k, v in settings.items() if k in MODULE_SETTINGS[torch_class] and v is not None}
        if torch_class in ("RNN", "GRU", "LSTM", "RNNCell", "Linear"):
            kwargs["bias"] = any(
                str(name).startswith("bias") and p is not None for name, p in data.get("parameters") or []
            )
        if torch_class == "Linear":
            kwargs.setdefault("bias", True)
        kind = getattr(nn, torch_class)
        try:
            if _has_weights(torch_class):
                module = _blank(kind, kwargs)  # every weight is set below
            else:
                module = kind(**kwargs)
        except (TypeError, ValueError) as error:
            raise WireError(f"cannot build {torch_class}: {error}") from None
        if _has_weights(torch_class) and not _parameters_match(module, data.get("parameters") or []):
            if factory is None:
                raise WireError(f"{data.get('type')!r} does not have the parameters of nn.{torch_class}")
            # A class name is never trusted: a module that says nn.RNN but holds another's
            # parameters (a GRU renamed in the learner's process) is the learner's own module.
            module = factory({**data, "torch_class": None})
    elif factory is not None:
        module = factory(data)
    else:
        raise WireError(f"{data.get('type')!r} is not a torch module this side can build")
    for name, child in data.get("children") or []:
        module._modules[str(name)] = None if child is None else build_module(child, factory, depth + 1)
    for name, value in data.get("parameters") or []:
        if value is None:
            module._parameters[str(name)] = None
            continue
        param = decode_tensor(value)
        param = param if isinstance(param, nn.Parameter) else nn.Parameter(param, requires_grad=param.requires_grad)
        if value.get("grad") is not None:
            param.grad = decode_tensor(value["grad"]).detach()
        setattr(module, str(name), param)
    for name, value in data.get("buffers") or []:
        module._buffers[str(name)] = None if value is None else decode_tensor(value)
    module.train(bool(data.get("training", True)))
    return module


def _parameters_match(module: nn.Module, described: list) -> bool:
    """Exactly the parameter names and shapes that torch's own class has for these settings."""
    own = [(name, tuple(p.shape) if p is not None else None) for name, p in module._parameters.items()]
    try:
        told = [(str(name), shape_of(value.get("shape")) if value is not None else None) for name, value in described]
    except (AttributeError, TypeError, ValueError, WireError):
        return False
    return own == told


_QUIET: dict[type, type] = {}
_BLANKS: dict[tuple, nn.Module] = {}


def _blank(kind: type[nn.Module], kwargs: dict) -> nn.Module:
    """torch's own `kind` for these settings, as if built by it, its weights on the meta device
    until they are set: a copy of the attributes of one built once for these settings (building
    an nn.RNN took 84 us, copying one 6.5 us, on every call that sends or returns one). Every
    container is copied, so no two share a parameter, a hook or a flat weight list."""
    try:
        key = (kind, tuple(sorted(kwargs.items())))
        template = _BLANKS.get(key)
    except TypeError:  # a setting that cannot be a key: built as it comes
        key, template = None, None
    if template is None:
        template = _without_init(kind)(**kwargs, device="meta")
        template.__class__ = kind
        if key is None:
            return template
        _BLANKS[key] = template
    module = kind.__new__(kind)
    module.__dict__.update(
        {k: v.copy() if isinstance(v, (dict, list, set)) else v for k, v in template.__dict__.items()}
    )
    return module


def _without_init(kind: type[nn.Module]) -> type[nn.Module]:
    """`kind` whose reset_parameters does nothing, to build it on the meta device: every weight is
    then replaced by the described one, and drawing them first ran torch's Python decompositions
    there (0.2 to 0.4 ms an RNN, for every call that sends or returns one)."""
    if kind not in _QUIET:
        _QUIET[kind] = type(kind.__name__, (kind,), {"reset_parameters": lambda self: None})
    return _QUIET[kind]


def _has_weights(torch_class: str) -> bool:
    return torch_class in ("RNN", "GRU", "LSTM", "RNNCell", "Linear", "Embedding")
