"""What to try after an error the learner's code raised (kata.testing.calls): a hint for an
error whose text is a known one, and the sentences said when there is none."""

from __future__ import annotations

from kata.i18n import N_, _

TORCH_NOT_IMPLEMENTED_ON_META = N_(
    "This NotImplementedError comes from torch, not from a stub of yours: the tests also run your function on "
    "PyTorch's meta device, where tensors have shapes but no values, and this step needs values (packing a "
    "sequence reads its lengths, for one). Use operations that work on any device: the words of a batch all "
    "have one length, so they need no packing."
)
TORCH_NOT_IMPLEMENTED = N_(
    "This NotImplementedError comes from a library (torch, numpy), not from a stub of yours: that operation "
    "is not available for these inputs. Do the step another way."
)
RAISED_INSTEAD = N_(
    "The test expected this call to return a value: open that line and find why these arguments make it raise."
)

EXCEPTION_HINTS = (
    (
        "does not match weight dtype",
        N_("The RNN got float64 input: make the batch float32 (torch.Tensor(x), .float())."),
    ),
    ("same device", N_("Input and RNN are on different devices: move one with .to(device).")),
    ("Expected all tensors to be on the same device", N_("Tensors are on different devices: use .to(device).")),
    (
        "is not on the expected device",
        N_("Tensors are on different devices: make new tensors on the input's device, e.g. device=batch.device."),
    ),
    ("cannot be called on meta tensors", N_("Meta tensors have no values: keep the tensor where it was made.")),
    ("is not in list", N_("list.index raises ValueError when the item is missing; check the vocabulary.")),
    ("Cannot copy out of meta tensor", N_(TORCH_NOT_IMPLEMENTED_ON_META)),
)


def hint_for(error: BaseException) -> str:
    """' ' and what to try after an error whose text is a known one, else ''."""
    text = str(error)
    for needle, hint in EXCEPTION_HINTS:
        if needle in text:
            return " " + _(hint)
    return ""
