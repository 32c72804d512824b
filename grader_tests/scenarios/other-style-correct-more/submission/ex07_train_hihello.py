import torch
import torch.nn.functional as F
from torch import nn


class CharRNN(nn.Module):
    def __init__(self, vocab_size, hidden_size):
        super().__init__()
        self.vocab_size = vocab_size
        self.cell = nn.RNN(vocab_size, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, vocab_size)

    def forward(self, x):
        return self.fc(self.cell(x)[0])


def one_hots(text, vocab, device):
    return F.one_hot(torch.tensor([vocab.index(c) for c in text], device=device), len(vocab)).float()[None]


def train(text="hihello", hidden_size=8, steps=100, lr=0.1, seed=0, device=None):
    torch.manual_seed(seed)
    device = torch.device("cpu") if device is None else torch.device(device)
    vocab = list(dict.fromkeys(text))
    x = one_hots(text[:-1], vocab, device)
    y = torch.tensor([vocab.index(c) for c in text[1:]], device=device)
    model = CharRNN(len(vocab), hidden_size).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _step in range(steps):
        logits = model(x)[0]
        loss = F.cross_entropy(logits, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(float(loss))
    return model, losses


def predict(model, text, vocab):
    device = next(model.parameters()).device
    with torch.no_grad():
        logits = model(one_hots(text, vocab, device))
    return "".join(vocab[int(i)] for i in torch.argmax(logits[0], dim=-1))
