import os

print(os.sys.modules)
