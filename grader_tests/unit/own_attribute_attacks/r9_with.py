class P(nn.Module):
    def __init__(self):
        super().__init__()
        self._C = None
    def m(self):
        with open('/dev/null') as self:
            return self._C
