class P(nn.Module):
    def __init__(self):
        super().__init__()
        self._C = None
    def m(self):
        match {'_C': torch}:
            case {**self}:
                pass
        return self._C
