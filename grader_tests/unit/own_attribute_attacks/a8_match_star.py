class P(nn.Module):
    def __init__(self):
        super().__init__()
        self._C = None
    def m(self):
        match {1: torch}:
            case {**self}:
                pass
        return self[1]
    def n(self):
        match [torch]:
            case [*self]:
                return self[0]._C if False else [self._C for _ in ()]
print('reached:', P().m())
