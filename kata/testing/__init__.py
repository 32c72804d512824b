"""What graded tests import: calling learner code, the checks and their failure messages, the
independent references (oracle), the lecture note's example, property strategies, the device."""
