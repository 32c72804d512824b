class P(nn.Module):
    def __init__(self):
        super().__init__()
        self._C = None
    def m(self):
        import torch.nn.modules.module as self
        return self._global_forward_hooks
    def n(self):
        self._global_forward_hooks = 1
