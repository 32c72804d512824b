class Probe(nn.Module):
    def __init__(self):
        super().__init__()
        self._C = None

    def inner(self):
        match torch:
            case self:
                return self._C


print("reached:", Probe().inner())
