from os import sys

print(sys.modules)
