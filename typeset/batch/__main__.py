"""`python -m typeset.batch ARCHIVE -o OUT …`: the batch command on its own."""

import sys

from .command import main

sys.exit(main(sys.argv[1:]))
