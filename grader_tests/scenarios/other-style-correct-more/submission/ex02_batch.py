import torch
from ex01_one_hot import one_hot


def make_batch(words, vocab, device=None):
    if len(words) == 0:
        raise ValueError("단어 목록이 비어 있습니다")
    lengths = [len(w) for w in words]
    if len(set(lengths)) != 1:
        raise ValueError(f"단어 길이가 서로 다릅니다: {lengths}")
    rows = [torch.tensor([one_hot(c, vocab) for c in w], dtype=torch.float32) for w in words]
    return torch.stack(rows).to(device=device if device is not None else torch.device("cpu"))
