class Probe:
    def never(self):
        self._C = None

    def inner(self):
        return self._C
