"""What people read: the terminal scoreboard and Gradescope's results (scoreboard), Exercism's
and GitHub Classroom's results (formats)."""
