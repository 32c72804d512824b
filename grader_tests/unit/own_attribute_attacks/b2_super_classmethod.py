class Probe:
    def never(self):
        self._C = None

    def inner(self):
        return self._C


class Sub(Probe):
    @classmethod
    def unbound(cls):
        return super().inner


print("reached:", Sub().unbound()(torch))
