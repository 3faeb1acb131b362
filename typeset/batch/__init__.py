"""`typeset batch ARCHIVE -o OUT`: every issue of an archive built in one run.

    discover     the archive's issue files, their sidecars and folder settings
    fingerprint  what an issue's output depends on, as one hash
    state        the run's state in OUT (SQLite): one row per finished issue
    worker       one issue built in a worker, returned as bytes and facts
    executor     where workers run: a local process pool or a Dask cluster
    commit       the output of one issue written into OUT, row last
    consistency  numbering, dates and weekdays across a paper's issues
    progress     what the terminal (or a log) shows while it runs
    summary      the run's figures, also written to OUT/summary.json
    command      the command line: add_parser(subparsers), run(args), main(argv)
"""
