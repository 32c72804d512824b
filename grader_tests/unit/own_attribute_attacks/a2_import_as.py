class Probe(nn.Module):
    def __init__(self):
        super().__init__()
        self._C = None
        self._global_forward_hooks = None

    def inner(self):
        import torch as self
        return self._C

    def hooks(self):
        from torch.nn.modules import module as self
        return self._global_forward_hooks


print("reached:", Probe().inner(), "|", Probe().hooks())
