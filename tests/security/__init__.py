"""Issue 17: each finding of the outside attack test, proven closed (one module per finding
or a few related ones; tests are named after the finding)."""
