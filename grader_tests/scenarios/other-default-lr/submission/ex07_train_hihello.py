"""Reference solution: train a character RNN so that "hihell" predicts "ihello"."""

import torch
from ex01_one_hot import build_vocab
from ex02_batch import make_batch
from torch import nn


class CharRNN(nn.Module):
    def __init__(self, vocab_size: int, hidden_size: int) -> None:
        super().__init__()
        self.rnn = nn.RNN(vocab_size, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, vocab_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        outputs, _ = self.rnn(x)
        return self.head(outputs)


def train(text="hihello", hidden_size=8, steps=100, lr=0.01, seed=0, device=None):
    torch.manual_seed(seed)
    vocab = build_vocab([text])
    x = make_batch([text[:-1]], vocab, device)
    y = torch.tensor([[vocab.index(c) for c in text[1:]]], device=x.device)
    model = CharRNN(len(vocab), hidden_size).to(x.device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        logits = model(x)
        loss = loss_fn(logits.reshape(-1, len(vocab)), y.reshape(-1))
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses


def predict(model: CharRNN, text: str, vocab: list[str]) -> str:
    device = next(model.parameters()).device
    with torch.no_grad():
        logits = model(make_batch([text], vocab, device))
    return "".join(vocab[i] for i in logits.argmax(dim=-1)[0].tolist())
