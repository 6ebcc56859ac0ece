#!/usr/bin/env bash
# Builds the shared benchmark corpora five times each under /usr/bin/time -v
# and prints the median wall time and peak memory.
#
#   scripts/bench.sh [products ...]     default: 5000 20000
#
# Output goes to tmpfs (/dev/shm) so the disk's noise does not hide the
# program's cost; BENCH_DISK=1 builds onto the disk below $TMPDIR as well.
set -euo pipefail
cd "$(dirname "$0")/.."
gencorpus=../shared/corpus/gencorpus.go
[ -f "$gencorpus" ] || { echo "bench: $gencorpus not found (the shared design folder beside the repository)"; exit 1; }
runs=${RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(5000 20000)
bin=$(mktemp -d)/klartext
go build -o "$bin" ./cmd/klartext

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

measure() { # label site dest
  local label=$1 site=$2 dest=$3 walls=() rss=()
  for _ in $(seq "$runs"); do
    rm -rf "$dest"
    sync # the previous run's write-back is not this run's cost
    /usr/bin/time -v "$bin" build --source "$site" --dest "$dest" >/dev/null 2>"$site.time" || { tail -5 "$site.time"; exit 1; }
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$site.time")")
    rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$site.time")")
  done
  printf '%-28s median wall %6.2f s   median peak RSS %5d MB   (runs: %s s)\n' "$label" \
    "$(printf '%s\n' "${walls[@]}" | median)" "$(( $(printf '%s\n' "${rss[@]}" | median | cut -d. -f1) / 1024 ))" "${walls[*]}"
}

for n in "${sizes[@]}"; do
  site=/dev/shm/klartext-corpus-$n
  if [ ! -d "$site/content" ]; then
    rm -rf "$site"
    go run "$gencorpus" -products "$n" -out "$site" >/dev/null
  fi
  pages=$(find "$site/content" -name '*.md' | wc -l)
  measure "products $n ($pages md, tmpfs)" "$site" /dev/shm/klartext-out-$n
  if [ "${BENCH_DISK:-0}" = 1 ]; then
    measure "products $n (disk)" "$site" "${TMPDIR:-/tmp}/klartext-out-$n"
  fi
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(go version | cut -d' ' -f3), $(date -u +%Y-%m-%d)"
