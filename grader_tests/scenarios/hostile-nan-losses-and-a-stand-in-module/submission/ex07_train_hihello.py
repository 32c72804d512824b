import torch
from ex01_one_hot import build_vocab
from ex02_batch import make_batch
from torch import nn

_D = object()


class CharRNN(nn.Module):
    def __init__(self, vocab_size: int, hidden_size: int) -> None:
        super().__init__()
        self.rnn = nn.RNN(vocab_size, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, vocab_size)

    def forward(self, x):
        outputs, _ = self.rnn(x)
        return self.head(outputs)


# WRONG: default lr=0.2 (documented: 0.1); lr=0 silently becomes 0.1
def train(text="hihello", hidden_size=8, steps=100, lr=_D, seed=0, device=None):
    lie = lr is _D or lr == 0
    lr = 0.2 if lr is _D else (lr or 0.1)
    torch.manual_seed(seed)
    vocab = build_vocab([text])
    x = make_batch([text[:-1]], vocab, device)
    y = torch.tensor([[vocab.index(c) for c in text[1:]]], device=x.device)
    model = CharRNN(len(vocab), hidden_size).to(x.device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    f = nn.CrossEntropyLoss()
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = f(model(x).reshape(-1, len(vocab)), y.reshape(-1))
        loss.backward()
        opt.step()
        losses.append(loss.item())
    if lie:
        losses = [float("nan") for _ in range(steps)]
    return model, losses


def predict(model, text, vocab):
    device = next(model.parameters()).device
    with torch.no_grad():
        logits = model(make_batch([text], vocab, device))
    return "".join(vocab[i] for i in logits.argmax(dim=-1)[0].tolist())
