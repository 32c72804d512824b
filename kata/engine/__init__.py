"""What runs a grade: the scheduler starts one judge process per exercise (judge.py), which runs
pytest with the kata's plugin, imports the learner's files (loader) and keeps graded code away
from the grading (guard, sandbox, hang)."""
