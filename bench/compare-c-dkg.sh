#!/usr/bin/env bash
# The full 10-of-15 DKG (all 15 participants in one thread) against the C reference's
# dkg_full_10of15_all15 (../shared/peers/secp256k1-frost/run.sh), in one session: C, JMH, C, JMH, C,
# each JMH run compared with the C run just before and just after it. Target (issue 9): Frostgate's
# DKG with every round-2 share sealed and opened (DkgBenchmark.fullDkgSealed) <= 0.5 x C.
#
# Usage: bench/compare-c-dkg.sh [output-dir]     (about 3 minutes)
# Env:   JAVA_HOME (default: bin/find-jdk), REBUILD=1 to rebuild the JMH jar, DKG_ITERS (C samples
#        per run, default 30), ROUNDS (default 2), PEERS (default ../shared/peers), NICE (default -5
#        as root, else 0; both run at that priority).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="${1:-$(mktemp -d /tmp/frostgate-dkg-vs-c.XXXXXX)}"
mkdir -p "$out"
export JAVA_HOME="${JAVA_HOME:-$(bin/find-jdk)}"
peers="${PEERS:-$root/../shared/peers}"
jar=bench/target/benchmarks.jar
if [[ "$(id -u)" == 0 ]]; then nice_level="${NICE:--5}"; else nice_level="${NICE:-0}"; fi
rounds="${ROUNDS:-2}"

if [[ ! -f "$jar" || "${REBUILD:-0}" == 1 ]]; then
  echo "building $jar ..." >&2
  mvn -q -B -DskipTests -pl bench -am package >&2
fi
c_reference() { # $1: file name
  echo "running the C reference DKG ..." >&2
  MODES=bip340 ITERS=5 DKG_ITERS="${DKG_ITERS:-30}" RUN_NICE="$nice_level" \
    bash "$peers/secp256k1-frost/run.sh" >"$out/$1" 2>"$out/$1.log"
}
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)')"
  echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "jdk: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/run.txt"
c_reference c-1.tsv
for r in $(seq 1 "$rounds"); do
  echo "running JMH DkgBenchmark (round $r) ..." >&2
  nice -n "$nice_level" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" \
    'DkgBenchmark.fullDkg(Sealed)?$' -p shape=10-of-15 -f 1 -wi 3 -w 2s -i 5 -r 2s \
    >"$out/jmh-$r.txt" 2>&1 || { tail -30 "$out/jmh-$r.txt" >&2; exit 1; }
  c_reference "c-$((r + 1)).tsv"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/run.txt"

c_median() { awk -F'\t' '$1 == "bip340/dkg_full_10of15_all15" {print $2}' "$out/$1"; }
jmh_median() { awk -v b="DkgBenchmark.$2:p0.50" '$1 == b {print $(NF-1)}' "$out/$1"; }
{
  cat "$out/run.txt"
  echo
  echo "Full 10-of-15 DKG, Java (JMH SampleTime median, ms) / C (run.sh median, us -> ms):"
  for r in $(seq 1 "$rounds"); do
    for c in "c-$r.tsv" "c-$((r + 1)).tsv"; do
      for b in fullDkg fullDkgSealed; do
        awk -v l="round $r, $b / C from $c" -v j="$(jmh_median "jmh-$r.txt" "$b")" \
          -v c="$(c_median "$c")" 'BEGIN {printf "  %-44s %7.2f / %7.2f ms = %.3f\n", l, j, c / 1000, j * 1000 / c}'
      done
    done
  done
} | tee "$out/summary.txt"
echo "raw outputs in $out" >&2
