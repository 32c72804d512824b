from abc import ABCMeta


class Probe:
    def never(self):
        self._group_tensors_by_device_and_dtype = None

    def peek(self):
        return self, self._group_tensors_by_device_and_dtype


class Meta(Probe, ABCMeta):
    pass


# a call of Meta makes a class; Probe.peek then runs with self = that class (a subclass of torch.optim.SGD)
print("reached:", Meta("K", (torch.optim.SGD,), {}).peek())
