#!/usr/bin/env bash
# Builds the shared benchmark corpora five times each under /usr/bin/time -v
# and prints the median wall time and peak memory, of klartext and of the
# floor (scripts/floor: goldmark alone, with klartext's Markdown
# extensions, reading, rendering and writing the same Markdown on as many
# workers), and klartext's time and memory as multiples of the floor's.
# The two run in turns, so a load on the machine weighs on both alike.
#
#   scripts/bench.sh [products ...]     default: 5000 20000
#
# Output goes to tmpfs (/dev/shm) so the disk's noise does not hide the
# program's cost; BENCH_DISK=1 builds onto the disk below $TMPDIR as well
# (klartext only).
set -euo pipefail
cd "$(dirname "$0")/.."
gencorpus=../shared/corpus/gencorpus.go
[ -f "$gencorpus" ] || { echo "bench: $gencorpus not found (the shared design folder beside the repository)"; exit 1; }
runs=${RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(5000 20000)
bin=$(mktemp -d)
go build -o "$bin/klartext" ./cmd/klartext
go build -o "$bin/floor" ./scripts/floor

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# run LABEL CMD... : one run under /usr/bin/time -v; appends its wall time
# and peak RSS (KB) to $bin/LABEL.wall and $bin/LABEL.rss.
run() {
  local label=$1
  shift
  sync # the previous run's write-back is not this run's cost
  /usr/bin/time -v "$@" >/dev/null 2>"$bin/$label.time" || { tail -5 "$bin/$label.time"; exit 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$bin/$label.time" >>"$bin/$label.wall"
  awk -F': ' '/Maximum resident set size/ {print $2}' "$bin/$label.time" >>"$bin/$label.rss"
}

# report LABEL TEXT : the medians of LABEL's runs; sets wall and rss.
report() {
  wall=$(median <"$bin/$1.wall")
  rss=$(median <"$bin/$1.rss" | cut -d. -f1)
  printf '%-34s median wall %6.2f s   median peak RSS %5d MB   (runs: %s s)\n' "$2" "$wall" $((rss / 1024)) "$(awk '{printf "%s%.2f", (NR > 1 ? " " : ""), $1}' "$bin/$1.wall")"
}

for n in "${sizes[@]}"; do
  site=/dev/shm/klartext-corpus-$n
  if [ ! -d "$site/content" ]; then
    rm -rf "$site"
    go run "$gencorpus" -products "$n" -out "$site" >/dev/null
  fi
  pages=$(find "$site/content" -name '*.md' | wc -l)
  rm -f "$bin"/*.wall "$bin"/*.rss
  for _ in $(seq "$runs"); do
    rm -rf "/dev/shm/klartext-out-$n" "/dev/shm/klartext-floor-$n"
    run klartext "$bin/klartext" build --source "$site" --dest "/dev/shm/klartext-out-$n"
    run floor "$bin/floor" -source "$site" -dest "/dev/shm/klartext-floor-$n"
    if [ "${BENCH_DISK:-0}" = 1 ]; then
      rm -rf "${TMPDIR:-/tmp}/klartext-out-$n"
      run disk "$bin/klartext" build --source "$site" --dest "${TMPDIR:-/tmp}/klartext-out-$n"
    fi
  done
  report klartext "products $n ($pages md, tmpfs)"
  kwall=$wall krss=$rss
  report floor "  floor (goldmark alone)"
  awk -v kw="$kwall" -v fw="$wall" -v km="$krss" -v fm="$rss" 'BEGIN {
    printf "  klartext / floor: %.2f× the time, %.1f× the memory\n", kw / fw, km / fm }'
  if [ "${BENCH_DISK:-0}" = 1 ]; then
    report disk "products $n (disk)"
  fi
  rm -rf "/dev/shm/klartext-out-$n" "/dev/shm/klartext-floor-$n"
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(go version | cut -d' ' -f3), $(date -u +%Y-%m-%d)"
rm -rf "$bin"
