class P(nn.Module):
    def __init__(self):
        super().__init__()
        self._C = None
    def m(self):
        for self in [torch]:
            return self._C
