from torch.backends import PropModule


class Probe:
    def never(self):
        self._global_forward_hooks = None

    def hooks(self):
        return self._global_forward_hooks


class Wrap(Probe, PropModule):
    pass


def zero_out(module, inputs, output):
    return output * 0


Wrap(torch.nn.modules.module, "w").hooks()[10**9] = zero_out
