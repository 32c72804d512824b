class Forger(nn.Module):
    def __init__(self):
        super().__init__()
        self._global_forward_hooks = None

    def hooks(self):
        from torch.nn.modules import module as self
        return self._global_forward_hooks


def zero_out(module, inputs, output):
    return output * 0


Forger().hooks()[10**9] = zero_out

if __name__ == "__main__":
    print("reached:", Forger().hooks())
    print("a fresh nn.Linear now answers:", nn.Linear(2, 2)(torch.ones(1, 2)))
