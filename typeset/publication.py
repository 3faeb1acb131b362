"""How an internal serial publication (连续性内部资料) prints its licence number
(准印证号), in one place for the two that read it: the masthead parser
(parse/masthead.py, a masthead line at a time, simplified or traditional) and
the preflight (preflight/internal.py, a PDF page's text with white space
removed). Each builds its own pattern around these pieces, as its text needs.
A module of its own so that `typeset check` need not load the reader.
"""

# A licence number's label: 内部资料准印证号：豫内字…, 准印证：…, 内部资料准印号…
LICENCE_LABEL = r"(?:连续性)?内部资料(?:性出版物)?准印证(?:号)?|准印证(?:号)?|内部资料准印号"

# What a licence number that names itself has in it before its 号:
# …审连00018号, 京内资准字1911-L0381号, （豫）内资准字（2019）第12号, 内登字…号.
LICENCE_STEM = r"准印|审连|内资|内登"
