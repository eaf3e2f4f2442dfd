#!/usr/bin/env bash
# Recalculates Powerplot's Excel workbooks in LibreOffice, headless, and checks that every live formula on the
# Summary sheet (NPV, IRR, payback over the scenario sheets' cash flows) gives the figure Powerplot computed
# beside it: 1e-6 relative, IRRs 1e-6 absolute per year. The cached results of every formula are blanked
# first, so a match can only come from LibreOffice's own recalculation.
#
# Needs LibreOffice (apt-get install libreoffice-calc-nogui) and python3; not run by CI.
# Usage: scripts/check-workbook.sh [POWERPLOT_BINARY] [PROJECT.ron ...]   (default: the release build, saves/*.ron)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/powerplot}
shift || true
projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then projects=(saves/*.ron); fi
command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-calc-nogui" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A LibreOffice profile of its own that recalculates every formula when a file is loaded.
mkdir -p "$work/profile/user"
cat > "$work/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU

status=0
for project in "${projects[@]}"; do
  name=$(basename "$project" .ron)
  # Few draws: the check is about the formulas, not the Monte Carlo.
  "$bin" export "$project" --xlsx "$work/$name.xlsx" 2>/dev/null
  python3 - "$work/$name.xlsx" "$work/$name-blank.xlsx" <<'PY'
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename.startswith("xl/worksheets/"):
            data = re.sub(rb"(</f>)<v>[^<]*</v>", rb"\1<v>0</v>", data)
            data = re.sub(rb'(<c [^>]*?) t="str"', rb"\1", data)
        zout.writestr(item, data)
PY
  mkdir -p "$work/$name"
  soffice -env:UserInstallation="file://$work/profile" --headless --calc \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,1' \
    --outdir "$work/$name" "$work/$name-blank.xlsx" >/dev/null 2>&1
  csv=$(ls "$work/$name"/*.csv | head -1)
  python3 - "$csv" "$name" <<'PY' || status=1
import csv, sys
path, name = sys.argv[1], sys.argv[2]
rows = {r[1]: r[2:] for r in csv.reader(open(path, encoding="utf-8")) if len(r) > 2}
checked, bad = 0, []
for key, live in rows.items():
    if not key.endswith(":formula"):
        continue
    base = key[: -len(":formula")]
    for i, (want, got) in enumerate(zip(rows[base], live)):
        def number(text):
            text = text.strip().replace("$", "").replace(",", "")
            return float(text[:-1]) / 100 if text.endswith("%") else float(text)
        try:
            w, g = number(want), number(got)
        except ValueError:
            if want.startswith("n/a") and got.startswith("n/a"):
                continue
            if not (want == "n/a" and got == "none") and want != got:
                bad.append(f"{base} scenario {i+1}: Powerplot {want!r}, LibreOffice {got!r}")
            checked += 1
            continue
        ok = abs(w - g) <= 1e-6 if "irr" in base else abs(w - g) <= 1e-6 * max(abs(w), abs(g), 1.0)
        checked += 1
        if not ok:
            bad.append(f"{base} scenario {i+1}: Powerplot {w!r}, LibreOffice {g!r}")
print(f"{name}: {checked} formulas recalculated by LibreOffice, {len(bad)} disagree")
for b in bad:
    print("  " + b)
sys.exit(1 if bad or checked == 0 else 0)
PY
done
exit $status
