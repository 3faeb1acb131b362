#!/usr/bin/env bash
# Installs what typeset needs on a fresh Debian/Ubuntu machine with Python 3.11+:
#   - poppler-utils (pdftoppm/pdftotext, for looking at proofs), qpdf (`qpdf
#     --check`, the structural check print PDFs are tested with) and the optional
#     rare-character fallback font BabelStone Han, from Debian's packages;
#   - the typeset package itself with its test extras, from PyPI.
# The fonts typeset uses by default ship in fonts/ (see fonts/README.md), the
# CMYK output profile in color/ (rebuilt only with color/build_profile.sh, which
# needs Debian's argyll and icc-profiles-free: build-time tools, not installed here).
set -euo pipefail
cd "$(dirname "$0")/.."
quiet=""
[ "${1:-}" = "--quiet" ] && quiet="-q"

need_apt=""
command -v pdftoppm >/dev/null 2>&1 || need_apt="yes"
command -v qpdf >/dev/null 2>&1 || need_apt="yes"
[ -f /usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf ] || need_apt="yes"
if [ -n "$need_apt" ] && command -v apt-get >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq poppler-utils qpdf fonts-babelstone-han >/dev/null
fi
python -m pip install $quiet --disable-pip-version-check --root-user-action=ignore -e '.[test]'
python -c "import typeset, reportlab, fontTools, yaml, PIL, sxtwl, budoux, pikepdf" 
