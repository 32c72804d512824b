import sys
from dataclasses import dataclass, fields


@dataclass
class Holder:
    c: sys.modules = None  # annotations are skipped by the whole reading (no import of sys needed? see below)


print("reached:", fields(Holder())[0].type)
