class P(nn.Module):
    def __init__(self):
        super().__init__()
        self._C = None
    def m(self):
        class K:
            nonlocal self
            self = torch
        return self._C
print('reached:', P().m())
