"""`make bench`: load scenarios against a production-like run; the figures go to BENCHMARKS.md."""
