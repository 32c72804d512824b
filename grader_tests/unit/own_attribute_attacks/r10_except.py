class P(nn.Module):
    def __init__(self):
        super().__init__()
        self._C = None
    def m(self):
        try:
            raise ValueError
        except ValueError as self:
            return self._C
