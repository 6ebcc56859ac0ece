#!/usr/bin/env bash
# Builds a small site with one pathological Markdown page at a time and
# prints the wall time, the peak memory and the first error of each build:
# the figures of the README's "Bounded work per page".
#
#   scripts/hostile-pages.sh [BINARY] [TIMEOUT]   default: this tree's klartext, 300 s
#
# Pass a binary built from an older commit to compare. Sites and output go
# to /dev/shm.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
limit=${2:-300}
work=/dev/shm/klartext-hostile-$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
if [ -z "$bin" ]; then
  bin=$work/klartext
  go build -o "$bin" ./cmd/klartext
fi

rep() { awk -v s="$1" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }

page() { # name, then the body on stdin
  local site=$work/$1
  mkdir -p "$site/content"
  printf 'title: T\nbaseURL: https://bank.test/\nlanguage: de\n' >"$site/content/site.yaml"
  { printf -- '---\ntitle: %s\n---\n' "$1"; cat; } >"$site/content/$1.md"
}

# 3,500 columns and 3,500 rows in 21 KB: every row is padded to the header.
{ rep '|a' 3500; echo '|'; rep '|-' 3500; echo '|'; rep $'a\n' 3500; } | page table-21k
# 50,000 equal headings: ids a, a-1, a-2, …
rep $'# a\n\n' 50000 | page headings-50k
# Emphasis that never closes (goldmark scans back over every opener).
rep '_a*' 40000 | page emphasis-120k
# Links that never close.
rep '[a](<b' 40000 | page links-240k
# 40,000 quotes nested on one line.
rep '> ' 40000 | page nesting-40k
# One long link reference used 2,000 times.
{ printf '[x]: /'; rep a 1000000; printf '\n\n'; rep '[x] ' 2000; echo; } | page references-1m
# 100,000 footnote references.
{ rep '[^1] ' 100000; printf '\n\n[^1]: Fußnote.\n'; } | page footnotes-100k

printf '%-16s %10s %10s  %s\n' input seconds "peak MB" "first error"
for site in "$work"/*/; do
  name=$(basename "$site")
  [ -d "$site/content" ] || continue
  set +e
  /usr/bin/time -o "$work/time" -f '%e %M' timeout "$limit" "$bin" build --source "$site" --dest "$work/out-$name" >"$work/log" 2>&1
  code=$?
  set -e
  read -r s m < <(tail -1 "$work/time") || { s="-"; m=0; }
  case $m in (*[!0-9]*|"") m=0 ;; esac
  err=$(grep -m1 'content/' "$work/log" | cut -c1-110 || true)
  [ "$code" = 124 ] && err="(killed after $limit s)"
  printf '%-16s %10s %10d  %s\n' "$name" "$s" $((m / 1024)) "$err"
  rm -rf "$work/out-$name"
done
