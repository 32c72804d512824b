Module = torch.Tensor


class Own(Module):
    def never_called(self):
        self._make_subclass = None
        self._post_accumulate_grad_hooks = None

    def peek(self):
        return self._make_subclass, self._post_accumulate_grad_hooks
