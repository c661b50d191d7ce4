#!/usr/bin/env bash
# Fuzzes the recipe loader and every dataset-format reader with `uniner-fuzz` (seeded mutations of the seeds
# under Tests/Fuzz/Corpus/<target>), splitting TOTAL_SECONDS over the targets. Not run by CI.
#
#   scripts/fuzz.sh [TOTAL_SECONDS=600] [OUT=.build/fuzz]
#
# FUZZ_SEED (default 1) fixes the mutation sequences; FUZZ_TARGETS="recipe conll" runs only those;
# FUZZ_MEMORY_MB (default 1024) is the resident set over which a case counts as out of memory.
# A crash restarts the target, its input kept under OUT/crashes/<target>/ with the log; a case over 5 s is a
# hang (OUT/hangs/<target>/); memory over the limit is an oom (OUT/oom/<target>/). Replay a saved input with
#   .build/release/uniner-fuzz --target TARGET --replay FILE
# Exits 1 when anything crashed, hung or ran out of memory.
set -uo pipefail
cd "$(dirname "$0")/.."
total=${1:-600}
out=${2:-.build/fuzz}
seed=${FUZZ_SEED:-1}
memory=${FUZZ_MEMORY_MB:-1024}

swift build -c release --product uniner-fuzz >&2 || exit 2
bin="$(swift build -c release --show-bin-path)/uniner-fuzz"
read -r -a targets <<< "${FUZZ_TARGETS:-$("$bin" --list-targets | tr '\n' ' ')}"
rm -rf "$out"
mkdir -p "$out/stats" "$out/logs"
per=$(( total / ${#targets[@]} ))
started=$(date +%s)
echo "fuzz: ${#targets[@]} targets, ${per} s each, seed $seed, memory limit $memory MB, output in $out" >&2

# Keeps the input and log of a run that ended badly under OUT/<folder>/<target>/.
keep() {
  local folder=$1 target=$2 run=$3
  mkdir -p "$out/$folder/$target"
  [ -f "$out/current-$target" ] && cp "$out/current-$target" "$out/$folder/$target/input-$run"
  cp "$out/logs/$target.$run.log" "$out/$folder/$target/input-$run.log"
}

rows=()
all_cases=0 all_crashes=0 all_hangs=0 all_ooms=0 all_rss=0
for target in "${targets[@]}"; do
  crashes=0 hangs=0 ooms=0 run=0
  end=$(( $(date +%s) + per ))
  while :; do
    left=$(( end - $(date +%s) ))
    [ "$left" -le 0 ] && break
    log="$out/logs/$target.$run.log"
    skip=""
    [ "$run" -gt 0 ] && skip="--skip-seeds"   # a restart: the seeds have run once already
    timeout -s KILL $(( left + 30 )) "$bin" --target "$target" --seconds "$left" --seed $(( seed * 1000 + run )) $skip \
      --out "$out" --stats "$out/stats/$target.$run.txt" --memory-limit-mb "$memory" >"$log" 2>&1
    rc=$?
    case $rc in
      0) ;;
      3) hangs=$(( hangs + 1 )) ;;                        # the watchdog saved the input under hangs/
      4) ooms=$(( ooms + 1 )) ;;                          # ... or under oom/
      137) hangs=$(( hangs + 1 )); keep hangs "$target" "$run" ;;   # killed: the watchdog itself did not answer
      *)
        if grep -qi "could not allocate\|failed to allocate\|out of memory" "$log"; then
          ooms=$(( ooms + 1 )); keep oom "$target" "$run"
        else
          crashes=$(( crashes + 1 )); keep crashes "$target" "$run"
          echo "cases=1" >> "$out/stats/$target.$run.txt"     # the crashing case, which the stats miss
        fi
        echo "fuzz: $target: run $run ended with status $rc (log $log)" >&2 ;;
    esac
    rm -f "$out/current-$target"
    run=$(( run + 1 ))
  done
  read -r cases errors slowest rss < <(cat "$out"/stats/"$target".*.txt 2>/dev/null | awk '
    { split("", v); for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      cases += v["cases"]; errors += v["errors"]
      if (v["slowest_ms"] > slowest) slowest = v["slowest_ms"]
      if (v["peak_rss_kb"] > rss) rss = v["peak_rss_kb"] }
    END { printf "%d %d %d %d\n", cases, errors, slowest, rss / 1024 }')
  rows+=("$(printf '%-12s %9d %9d %8d %10d %5d %12d %13d' "$target" "$cases" "$errors" "$crashes" "$hangs" "$ooms" "$slowest" "$rss")")
  echo "fuzz: $target: $cases cases, $crashes crashes, $hangs hangs, $ooms oom" >&2
  all_cases=$(( all_cases + cases )); all_crashes=$(( all_crashes + crashes ))
  all_hangs=$(( all_hangs + hangs )); all_ooms=$(( all_ooms + ooms ))
  [ "$rss" -gt "$all_rss" ] && all_rss=$rss
done

printf '%-12s %9s %9s %8s %10s %5s %12s %13s\n' target cases errors crashes "hangs>5s" oom "slowest ms" "peak RSS MB"
printf '%s\n' "${rows[@]}"
elapsed=$(( $(date +%s) - started ))
verdict=OK
[ $(( all_crashes + all_hangs + all_ooms )) -gt 0 ] && verdict=FAIL
echo "fuzz: $verdict: $all_cases cases over ${#targets[@]} targets in $elapsed s (seed $seed): $all_crashes crashes, $all_hangs hangs over 5 s, $all_ooms out of memory; peak RSS $all_rss MB"
[ "$verdict" = OK ]
