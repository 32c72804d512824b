"""What every part of the kata stands on: the manifest, the result record, the one list of
grading files, paths and terminal text, and settings. Nothing here imports torch or pytest."""
