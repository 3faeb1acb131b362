"""typeset: a Chinese newspaper issue's parsed articles → print-ready PDF.

The pipeline, one stage per package, data flowing one way:

    parse      (typeset.parse)    issue text file → model.Issue
    compose    (typeset.compose)  paragraphs → lines of positioned glyphs
    layout     (typeset.layout)   model + composed text → placed pages
    render     (typeset.render)   placed pages → PDF

with fonts, calendar and layouts (designs) as small modules beside them.
"""

__version__ = "0.1.0"
