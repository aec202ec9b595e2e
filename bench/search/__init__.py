"""The pieces of bench/bench_search.py, which runs them.

`database` (where the benchmark seeds), `data` (the synthetic posts and
queries) and `measure` (timing, percentiles and the icontains baseline).
They are not named bench_*.py, so bench/run.py does not take them for
benchmarks of their own.
"""
