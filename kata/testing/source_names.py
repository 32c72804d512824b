"""The names the judge's reading of ex05 and ex06 refuses or looks for (kata.testing.source_rules):
one list per kind, apart from how the file is read."""

ALLOWED_IMPORTS = frozenset({"__future__", "torch", "torch.nn", "torch.nn.functional", "numpy", "math", "typing"})
RUNS_STRINGS = frozenset({"exec", "eval", "compile", "__import__", "breakpoint"})
COMPUTED_ACCESS = frozenset({"getattr", "setattr", "delattr", "vars", "globals", "locals", "__builtins__"})
# Names that lead to code the grader cannot read: torch's internals, modules that reach any object
# by name or frame (sys.modules, operator.attrgetter, inspect), pickles, and the attributes of
# frames. Refused as names and as attributes, whichever module they are reached through
# (typing.sys, numpy.ctypeslib); every attribute that starts with an underscore is refused too.
GATEWAYS = frozenset(
    {
        *("DisableTorchFunction", "DisableTorchFunctionSubclass", "overrides", "ops", "func", "functional_call"),
        *("stateless", "jit", "library", "fx", "compile", "compiler", "export", "load", "loads", "serialization"),
        *("utils", "hub", "package", "classes", "testing", "modules", "lib", "core", "compat", "ctypeslib", "f2py"),
        *("sys", "os", "operator", "attrgetter", "methodcaller", "builtins", "importlib", "ctypes", "gc", "inspect"),
        *("types", "marshal", "pickle", "copyreg", "subprocess", "socket", "multiprocessing", "threading", "signal"),
        *("codecs", "runpy", "code", "codeop", "pdb", "traceback", "weakref", "distutils"),
        *("f_back", "f_globals", "f_locals", "f_builtins", "gi_frame", "cr_frame", "ag_frame", "tb_frame"),
        *("tb_next", "co_code", "co_consts", "func_globals"),
        # strings evaluated as code (typing's hints), tensors that run code of their own, and
        # what hands out a module itself (the given rnn past "its weights only")
        *("get_type_hints", "ForwardRef", "as_subclass", "named_modules", "children", "named_children"),
        *("get_submodule", "modules"),
    }
)
EXERCISE_FUNCTIONS = {"ex05_time_major": "run_time_major", "ex06_rnn_from_scratch": "rnn_forward"}
RNN_NAMES = frozenset(
    {
        *("RNN", "RNNBase", "RNNCell", "RNNCellBase", "GRU", "GRUCell", "LSTM", "LSTMCell"),
        *("rnn_tanh", "rnn_relu", "rnn_tanh_cell", "rnn_relu_cell", "gru", "lstm", "gru_cell", "lstm_cell"),
        *("quantized_rnn_tanh_cell", "quantized_rnn_relu_cell", "forward", "_call_impl", "_wrapped_call_impl"),
        *("mkldnn_rnn_layer", "miopen_rnn", "quantized_gru", "quantized_gru_cell", "quantized_lstm"),
        "quantized_lstm_cell",
    }
)  # every public name of torch, torch.nn and torch.nn.functional with rnn, gru or lstm in it (checked by a test)
CHANGES_AN_RNN = frozenset({"to", "cuda", "cpu", "double", "float", "half", "bfloat16", "type"})  # tensors' too
CHANGES_A_MODULE = frozenset(
    {
        *("train", "eval", "apply", "_apply", "load_state_dict", "requires_grad_", "zero_grad", "share_memory"),
        *("add_module", "register_module", "register_parameter", "register_buffer", "register_forward_hook"),
        *("register_forward_pre_hook", "register_full_backward_hook", "register_backward_hook", "set_extra_state"),
        *("flatten_parameters", "deepcopy", "copy"),
    }
)
MAKES_A_MODULE = frozenset({"RNN", "RNNBase", "GRU", "LSTM", "Module", "Sequential", "deepcopy", "copy"})
# Every exercise (kata.testing.ways_out): what lets graded code reach the kata's own modules in the
# worker's process, so that the judge may not believe what that process reports.
# What reaches another module's objects from inside the process: the module table, the collector,
# frames and code objects, the builtins, name lookups by string, memory, and torch's switch for its
# observers. Plain Python, torch, numpy and the standard library's other modules stay allowed.
REACHES_THE_GRADER = frozenset(
    {
        *("gc", "importlib", "inspect", "ctypes", "builtins", "types", "marshal", "pickle", "copyreg"),
        *("operator", "attrgetter", "methodcaller", "weakref", "runpy", "code", "codeop", "pdb", "threading"),
        *("_thread", "multiprocessing", "signal", "faulthandler", "tracemalloc", "atexit", "site"),
        *("f_back", "f_globals", "f_locals", "f_builtins", "gi_frame", "cr_frame", "ag_frame", "tb_frame"),
        *("tb_next", "co_code", "co_consts", "func_globals", "DisableTorchFunction", "DisableTorchFunctionSubclass"),
        *("get_type_hints", "ForwardRef", "load", "loads"),  # np.load(allow_pickle=True) runs what a file holds
        # what answers for torch's own functions and getters (requires_grad, grad_fn, device) in the
        # whole process: a mode entered at import answered for the worker's reports (attack 12)
        *("overrides", "TorchFunctionMode", "TorchDispatchMode", "_python_dispatch", "enable_torch_function_mode"),
    }
)
# super().__init__() in a CharRNN; a class of the learner's own that says what it is (def __repr__)
PLAIN_DUNDERS = frozenset({"__init__", "__name__", "__future__", "__main__", "__repr__", "__str__"})
PLAIN_UNDERSCORED = frozenset({"_exit"})  # os._exit ends the process: seen from outside, nothing to forge
# sys is imported to print (sys.stderr.write) and to exit; sys.modules, its frames and hooks reach the
# kata's modules: only these of its names, each read off `sys` itself (never `s = sys`, never `import sys as s`).
PLAIN_SYS = frozenset({"stdout", "stderr", "stdin", "exit", "argv", "version", "version_info", "platform", "maxsize"})
