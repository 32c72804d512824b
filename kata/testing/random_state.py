"""The random state a call of the learner's code starts from, as data: the judge sends its own
(Python's, numpy's, torch's CPU generator), the worker continues from it, and tells whether the
call drew. The worker's state never comes back: what the judge draws stays the judge's alone."""

from __future__ import annotations

import base64
import ctypes
import random
from array import array

import numpy as np
import torch
from numpy.typing import NDArray

NumpyState = tuple[str, NDArray[np.uint32], int, int, float]


def numpy_state() -> NumpyState:
    """numpy's global state in its legacy form: the global generator is always MT19937, which
    numpy gives as that tuple (a dict only for other bit generators)."""
    state = np.random.get_state()
    if not isinstance(state, tuple):
        raise TypeError("numpy's global generator is not MT19937")
    return state


def random_state() -> dict:
    """The judge's random state, as data: a call's learner code starts from it, as it did when
    both shared one process. Python's 625 words go as bytes, like numpy's and torch's: as a list
    of numbers, encoding and decoding them cost a call more than half a millisecond."""
    version, internal, gauss = random.getstate()
    kind, keys, position, has_gauss, cached = numpy_state()
    return {
        "python": [version, base64.b64encode(array("I", internal).tobytes()).decode(), gauss],
        "numpy": [kind, base64.b64encode(keys.tobytes()).decode(), int(position), int(has_gauss), float(cached)],
        "torch": base64.b64encode(torch.get_rng_state().numpy().tobytes()).decode(),
    }


def set_random_state(state: dict) -> None:
    """Continue from the judge's random state (random_state). ValueError for one that is not."""
    try:
        version, internal, gauss = state["python"]
        random.setstate((version, tuple(array("I", base64.b64decode(internal))), gauss))
        kind, keys, position, has_gauss, cached = state["numpy"]
        np.random.set_state((kind, np.frombuffer(base64.b64decode(keys), dtype=np.uint32), position, has_gauss, cached))
        torch.set_rng_state(torch.frombuffer(bytearray(base64.b64decode(state["torch"])), dtype=torch.uint8))
    except (KeyError, TypeError, ValueError, RuntimeError, OverflowError) as error:
        raise ValueError(f"not a random state: {error}") from None


def state_marks() -> tuple[int, int, int]:
    """A fingerprint of each random state: whether a call drew from it. Every call of the learner's
    code takes two in the worker, and the judge one (RemoteTree.call): about 15 us each, where
    reading numpy's state through get_state() took 45."""
    return hash(random.getstate()), _numpy_mark(), hash(torch.get_rng_state().numpy().tobytes())


MT19937_STATE_BYTES = 624 * 4 + 4  # numpy's mt19937_state: uint32_t key[624], then int pos


def _numpy_mark() -> int:
    """numpy's global MT19937 state (its key and position), hashed where it lies in memory, through
    the bit generator's documented ctypes interface; any other generator by its state as numpy gives it.
    The second normal of a pair, which numpy's legacy functions keep beside that state, is not in the
    mark (reading it costs get_state's 45 us): a call that draws only that cached normal is taken as
    drawing nothing, and the judge, which draws no numpy normal, never leaves one cached for a call."""
    generator = np.random.mtrand.get_bit_generator()
    if type(generator) is not np.random.MT19937:  # the learner's code may have set another
        return hash(repr(generator.state))
    return hash(ctypes.string_at(generator.ctypes.state_address, MT19937_STATE_BYTES))
