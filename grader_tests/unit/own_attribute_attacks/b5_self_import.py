class Probe:
    def never(self):
        self._C = None

    def inner(self):
        return self._C


def grab():
    from ex07_train_hihello import Probe as P  # the class as a value, under a name the reading does not know
    return P.inner(torch)


if __name__ != "__main__":
    pass
