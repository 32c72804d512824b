"""`python -m kata COMMAND`: what the Makefile's targets run, one module per command group.

run.py (main: which group runs a command), arguments.py (every command and its options),
grading.py (test, grade, list, watch), learner.py (hint, reset, solution, explain),
instructor.py (release, autograder, freeze-stubs, grade-all), common.py (what they share).
"""

from kata.cli.common import quiet_closed_pipe
from kata.cli.run import exit_now, main

__all__ = ["exit_now", "main", "quiet_closed_pipe"]
