#!/usr/bin/env bash
# Times `fupin households import` against the sqlite3 shell's `.import` of the same
# file, the reference for "how fast can rows get into SQLite at all".
#
#   bench/run_import_comparison.sh [PERSONS ...]      default: 1000000 10000000
#
# For each size: generates the file (fupin_gen_households), creates a database with
# the demo regions (`fupin init --with-demo-regions`) and times the real import
# binary end to end (read, decode, validate, write in one transaction). Then it times
# `sqlite3 .import` of the same rows into one table of the same 42 columns (all TEXT,
# no constraints, no indexes) inside one transaction, with the connection settings
# fupin uses (WAL, synchronous=NORMAL, 64 MiB cache). Prints wall time, rows/s, CPU
# time and peak RSS of both and the ratio fupin / sqlite3.
#
# Environment: BUILD_DIR (default build, relative to the repository), TMPDIR (where
# the files go: about 360 bytes per person for the CSV plus both databases).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-build}
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
FUPIN="$BUILD_DIR/src/fupin"
GEN="$BUILD_DIR/bench/fupin_gen_households"
TIME=/usr/bin/time

if [[ $# -gt 0 && ( $1 == -h || $1 == --help ) ]]; then
  sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 0
fi
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(1000000 10000000)
for n in "${SIZES[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "not a person count: $n" >&2; exit 1; }
done
for exe in "$FUPIN" "$GEN"; do
  [[ -x $exe ]] || { echo "missing $exe: build first (cmake --build $BUILD_DIR)" >&2; exit 1; }
done
command -v sqlite3 >/dev/null || { echo "sqlite3 shell not found (apt-get install sqlite3)" >&2; exit 1; }
[[ -x $TIME ]] || { echo "$TIME not found (apt-get install time)" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fupin-import-bench.XXXXXX")
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# run_timed NAME CMD... : runs CMD, stdout+stderr to $WORK/NAME.log; sets WALL (s,
# from date +%s.%N), CPU (user+sys s) and RSS_MB (peak resident set, MiB).
run_timed() {
  local name=$1
  shift
  local t0 t1
  t0=$(date +%s.%N)
  if ! "$TIME" -f '%U %S %M' -o "$WORK/$name.time" "$@" >"$WORK/$name.log" 2>&1; then
    echo "$name failed:" >&2
    tail -n 20 "$WORK/$name.log" >&2
    exit 1
  fi
  t1=$(date +%s.%N)
  WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  read -r user sys rss_kb < <(tail -n 1 "$WORK/$name.time")
  CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  RSS_MB=$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')
}

rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }

echo "fupin import vs sqlite3 .import — $(date)"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/ { print $2 " GiB" }')"
echo "sqlite3 $(sqlite3 --version | cut -d' ' -f1); load before: $(uptime | sed 's/.*load average: //')"
echo

RESULTS=()
for n in "${SIZES[@]}"; do
  csv="$WORK/households-$n.csv"
  run_timed "gen-$n" "$GEN" --persons "$n" --out "$csv"
  gen_wall=$WALL
  bytes=$(stat -c %s "$csv")
  echo "== $n persons: $(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1048576 }') MiB CSV, generated in ${gen_wall} s"

  # fupin: a database with the demo regions, then the real import.
  db="$WORK/fupin-$n.db"
  "$FUPIN" init --with-demo-regions --db "$db" >/dev/null
  run_timed "fupin-$n" "$FUPIN" --lang en households import "$csv" --db "$db"
  f_wall=$WALL f_cpu=$CPU f_rss=$RSS_MB
  grep -E '^read|added' "$WORK/fupin-$n.log" | sed 's/^/   fupin: /'
  stored=$(sqlite3 "$db" 'SELECT count(*) FROM persons')
  [[ $stored == "$n" ]] || { echo "fupin stored $stored persons, expected $n" >&2; exit 1; }
  rm -f "$db" "$db-wal" "$db-shm"

  # sqlite3 .import: the same 42 columns as TEXT, no constraints, one transaction.
  ref="$WORK/sqlite-$n.db"
  columns=$(head -n 1 "$csv" | sed $'s/^\xEF\xBB\xBF//' | tr -d '\r' |
    awk -F, '{ for (i = 1; i <= NF; i++) printf "%s\"%s\" TEXT", (i > 1 ? ", " : ""), $i }')
  sqlite3 "$ref" "PRAGMA journal_mode=WAL; CREATE TABLE households($columns);" >/dev/null
  run_timed "sqlite-$n" sqlite3 "$ref" \
    "PRAGMA synchronous=NORMAL" "PRAGMA cache_size=-65536" "PRAGMA temp_store=MEMORY" \
    ".mode csv" "BEGIN" ".import --skip 1 '$csv' households" "COMMIT"
  s_wall=$WALL s_cpu=$CPU s_rss=$RSS_MB
  stored=$(sqlite3 "$ref" 'SELECT count(*) FROM households')
  [[ $stored == "$n" ]] || { echo "sqlite3 .import stored $stored rows, expected $n" >&2; exit 1; }
  rm -f "$ref" "$ref-wal" "$ref-shm" "$csv"

  ratio=$(awk -v f="$f_wall" -v s="$s_wall" 'BEGIN { printf "%.2f", f / s }')
  printf '   fupin households import: %8s s  %9s rows/s  cpu %7s s  peak RSS %6s MiB\n' \
    "$f_wall" "$(rate "$n" "$f_wall")" "$f_cpu" "$f_rss"
  printf '   sqlite3 .import:         %8s s  %9s rows/s  cpu %7s s  peak RSS %6s MiB\n' \
    "$s_wall" "$(rate "$n" "$s_wall")" "$s_cpu" "$s_rss"
  printf '   ratio fupin / sqlite3:   %8s\n' "$ratio"
  RESULTS+=("| $n | $f_wall | $(rate "$n" "$f_wall") | $f_rss | $s_wall | $(rate "$n" "$s_wall") | $s_rss | $ratio |")
done

echo
echo "load after: $(uptime | sed 's/.*load average: //')"
echo
echo "| persons | fupin s | fupin rows/s | fupin peak RSS MiB | sqlite3 s | sqlite3 rows/s | sqlite3 peak RSS MiB | ratio |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${RESULTS[@]}"
