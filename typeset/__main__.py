"""`python -m typeset …`: the same as the `typeset` script. In bash and zsh
`typeset` is a shell builtin that shadows the script, so the docs use this form."""

import sys

from .cli import main

sys.exit(main())
