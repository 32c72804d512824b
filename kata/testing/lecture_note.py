"""The lecture note's central example, shared by the graded tests."""

NOTE_WORDS = ["hello", "eolll", "lleel"]
NOTE_VOCAB = ["h", "e", "l", "o"]
NOTE_INPUT_SIZE = 4
NOTE_HIDDEN_SIZE = 2
