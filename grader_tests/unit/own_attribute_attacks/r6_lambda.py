class P(nn.Module):
    def __init__(self):
        super().__init__()
        self._C = None
    m = staticmethod(lambda self: self._C)
