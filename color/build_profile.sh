#!/usr/bin/env bash
# Rebuilds color/typeset-newsprint-TR002.icc, the CMYK output profile typeset
# embeds in its PDF/X OutputIntent, from the CGATS/SNAP TR 002 (coldset
# newsprint) characterisation data that Debian ships in icc-profiles-free.
#
#   sudo apt-get install argyll icc-profiles-free   # build-time tools only
#   bash color/build_profile.sh                     # ~20 s
#
# colprof (ArgyllCMS, AGPL-3) is a build-time tool: its output is data made
# from TR002.ti3, not a copy of the program. The header's date is fixed, so the
# same data and colprof version give the same bytes (colprof writes the clock
# there; nothing else in its output varies between runs).
set -euo pipefail
cd "$(dirname "$0")"
data=${TR002_TI3:-/usr/share/color/icc/TR002.ti3}
out=typeset-newsprint-TR002.icc
ink_limit=240      # % total area coverage: newsprint presses run 220-240 (ISOnewspaper26v4: 240)
command -v colprof >/dev/null || { echo "colprof not found: apt-get install argyll" >&2; exit 1; }
[ -f "$data" ] || { echo "$data not found: apt-get install icc-profiles-free" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$data" "$work/TR002.ti3"
# -qm medium quality, -kr black generation ramp (K from white to black),
# -l total ink limit, -D description, -C copyright tag
(cd "$work" && colprof -qm -kr -l"$ink_limit" \
    -D "Coldset newsprint (CGATS/SNAP TR 002), TAC ${ink_limit}% - typeset" \
    -C "Made from ANSI CGATS/SNAP TR 002-2007 characterization data (c) 2007 NPES; see NOTICE" \
    -O profile.icc TR002 >/dev/null)
python3 - "$work/profile.icc" "$out" <<'PY'
import struct, sys
data = bytearray(open(sys.argv[1], "rb").read())
assert data[36:40] == b"acsp" and data[16:20] == b"CMYK", "not a CMYK ICC profile"
data[24:36] = struct.pack(">6H", 2026, 12, 2, 0, 0, 0)   # header dateTime, fixed
open(sys.argv[2], "wb").write(bytes(data))
PY
sha256sum "$out"
