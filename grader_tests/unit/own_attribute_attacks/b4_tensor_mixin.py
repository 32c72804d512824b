class Probe:
    def never(self):
        self._make_subclass = None
        self._post_accumulate_grad_hooks = None

    def peek(self):
        return self._make_subclass


class Tens(Probe, torch.Tensor):
    pass


print("reached:", Tens().peek())
