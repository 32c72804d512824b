import torch
from torch import nn

from ex01_one_hot import build_vocab
from ex02_batch import make_batch


class CharRNN(nn.Module):
    def __init__(self, vocab_size, hidden_size):
        super().__init__()
        self.rnn = nn.RNN(vocab_size, vocab_size, batch_first=True)

    def forward(self, x):
        out, _ = self.rnn(x)
        return out


def train(text="hihello", hidden_size=8, steps=100, lr=0.1, seed=0, device=None):
    vocab = build_vocab([text])
    x = make_batch([text[:-1]], vocab, device)
    y = torch.tensor([[vocab.index(c) for c in text[1:]]], device=x.device)
    model = CharRNN(len(vocab), hidden_size).to(x.device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x).reshape(-1, len(vocab)), y.reshape(-1))
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return model, losses


def predict(model, text, vocab):
    with torch.no_grad():
        out = model(make_batch([text], vocab, next(model.parameters()).device))
    return "".join(vocab[i] for i in out.argmax(-1)[0].tolist())
