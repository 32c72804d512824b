class P(nn.Module):
    def __init__(self):
        super().__init__()
        self._C = None
    def m(self):
        from torch import _C as self
        return self
