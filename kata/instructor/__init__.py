"""Instructor tooling: the student copy and the Gradescope bundle (bundle), the copy's README and
Makefile (student_texts), grading a class (gradebook), and finding a submission's files
(submissions)."""
