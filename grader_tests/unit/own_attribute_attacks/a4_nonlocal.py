class Probe(nn.Module):
    def __init__(self):
        super().__init__()
        self._C = None

    def inner(self):
        def swap():
            nonlocal self
            self = torch
        swap()
        return self._C


print("reached:", Probe().inner())
