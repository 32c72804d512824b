"""What runs a grade: the scheduler starts one child process per exercise (child), which runs
pytest with the kata's plugin, imports the learner's files (loader) and keeps graded code away
from the grading (guard, sandbox, hang)."""
