#!/usr/bin/env bash
# Runs Frostgate's full 10-of-15 signing benchmark (JMH, Taproot ciphersuite) and the JavaScript
# reference (@cmdcode/frost, bench/js/frost-sign-bench.mjs) back to back on this machine and prints
# the medians and the ratio JS / Java. Bounded: about 1-2 minutes on a 2-core machine.
#
# Usage: bench/compare-reference.sh [js-iterations=25]
# Env:   JAVA_HOME (default: bin/find-jdk), REBUILD=1 to rebuild the JMH jar.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
js_iterations="${1:-25}"
export JAVA_HOME="${JAVA_HOME:-$(bin/find-jdk)}"
jar=bench/target/benchmarks.jar

if [[ ! -f "$jar" || "${REBUILD:-0}" == 1 ]]; then
  echo "building $jar ..." >&2
  mvn -q -B -DskipTests -pl bench -am package >&2
fi
if [[ ! -d bench/js/node_modules/@cmdcode/frost ]]; then
  echo "installing the JS reference (npm ci) ..." >&2
  (cd bench/js && npm ci --no-audit --no-fund >&2)
fi

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "running Java: FullSigningBenchmark (TR:10-of-15), JMH 1 fork, 3x1s warmup, 5x2s measurement ..." >&2
timeout 120 "$JAVA_HOME/bin/java" -jar "$jar" 'FullSigningBenchmark.fullSigning$' \
  -p group=TR:10-of-15 -f 1 -wi 3 -w 1s -i 5 -r 2s -tu us -rf json -rff "$tmp/jmh.json" \
  >"$tmp/jmh.txt" 2>&1 || { cat "$tmp/jmh.txt" >&2; exit 1; }
# Median (p0.50) of the sampled op times, in µs, from JMH's text output.
java_us="$(awk '/fullSigning:p0.50/ {print $(NF-1)}' "$tmp/jmh.txt")"
[[ -n "$java_us" ]] || { cat "$tmp/jmh.txt" >&2; echo "no p0.50 in JMH output" >&2; exit 1; }

echo "running JS: @cmdcode/frost, $js_iterations iterations ..." >&2
js_json="$(cd bench/js && timeout 150 node frost-sign-bench.mjs "$js_iterations" 5)"
js_ms="$(sed -E 's/.*"median_ms":([0-9.]+).*/\1/' <<<"$js_json")"
js_impl="$(sed -E 's/.*"impl":"([^"]+)".*/\1/' <<<"$js_json")"

java_ms="$(awk -v us="$java_us" 'BEGIN {printf "%.3f", us / 1000}')"
ratio="$(awk -v j="$java_ms" -v s="$js_ms" 'BEGIN {printf "%.1f", s / j}')"

load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "JS raw: $js_json" >&2
printf '\nFull 10-of-15 signing (10 commits + 10 shares + aggregate, signature verified), one thread\n'
printf '%-36s %12s %14s\n' "implementation" "median ms" "ratio JS/Java"
printf '%-36s %12s %14s\n' "Frostgate (Java, libsecp256k1 JNI)" "$java_ms" "1.0"
printf '%-36s %12s %14s\n' "$js_impl (node $(node --version))" "$js_ms" "$ratio"
printf '\n%s cores; load average before: %s, after: %s (wall-clock times: a load above %s inflates them)\n' \
  "$(nproc)" "$load_before" "$load_after" "$(nproc)"
