#!/usr/bin/env bash
# Runs the C reference (../shared/peers/secp256k1-frost/run.sh: the Bank of Italy's RFC 9591 FROST
# module for libsecp256k1) and Frostgate's JMH benchmarks in one session, the reference before and
# after, and prints every target as a ratio of two times from this run. Figures from different
# runs are not comparable on a shared VM (its speed varies 1.5-2.8x from one hour to the next).
#
# Usage: bench/compare-c-reference.sh [output-dir]     (about 6 minutes with ROUNDS=3)
# Env:   JAVA_HOME (default: bin/find-jdk), REBUILD=1 to rebuild the JMH jar, ITERS (C samples,
#        default 200), ROUNDS (C/JMH full-signing rounds, default 2), PEERS (default
#        ../shared/peers), NICE (default -5 as root, else 0; both run at that priority),
#        REPORT_ONLY=1 to print the summary of an existing output directory again.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="${1:-$(mktemp -d /tmp/frostgate-vs-c.XXXXXX)}"
mkdir -p "$out"
export JAVA_HOME="${JAVA_HOME:-$(bin/find-jdk)}"
peers="${PEERS:-$root/../shared/peers}"
jar=bench/target/benchmarks.jar
if [[ "$(id -u)" == 0 ]]; then nice_level="${NICE:--5}"; else nice_level="${NICE:-0}"; fi

rounds="${ROUNDS:-2}"
if [[ "${REPORT_ONLY:-0}" != 1 ]]; then
  if [[ ! -f "$jar" || "${REBUILD:-0}" == 1 ]]; then
    echo "building $jar ..." >&2
    mvn -q -B -DskipTests -pl bench -am package >&2
  fi

  c_reference() { # $1: file name, $2: modes
    echo "running the C reference ($2) ..." >&2
    MODES="$2" ITERS="${ITERS:-200}" DKG_ITERS=3 RUN_NICE="$nice_level" \
      bash "$peers/secp256k1-frost/run.sh" >"$out/$1" 2>"$out/$1.log"
  }
  jmh() { # $1: file name, then JMH arguments
    local file="$1"
    shift
    echo "running JMH $1 ..." >&2
    nice -n "$nice_level" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" "$@" \
      >"$out/$file" 2>&1 || { tail -30 "$out/$file" >&2; exit 1; }
  }

  {
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)')"
    echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "jdk: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
    echo "priority: nice $nice_level for both"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  } >"$out/run.txt"

  for r in $(seq 1 "$rounds"); do
    c_reference "c-$r.tsv" "bip340 rfc9591"
    jmh "full-$r.txt" 'FullSigningBenchmark.fullSigning$' -f 1 -wi 3 -w 1s -i 5 -r 2s -tu us
    for suite in TR RFC; do
      echo "running SigningCpuTime $suite ..." >&2
      nice -n "$nice_level" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
        -cp "$jar" dev.frostgate.bench.SigningCpuTime "$suite" >>"$out/cpu-$r.txt" 2>&1
    done
  done
  c_reference "c-$((rounds + 1)).tsv" "bip340 rfc9591"
  jmh curve.txt 'CurveBenchmark.(publicTimesG|secretTimesG|scalarTimesPoint)$'
  jmh hd.txt 'HdDerivationBenchmark.loanAddress$'
  jmh spend.txt 'SpendBenchmark.buildSignValidate$' -p inputs=1,500
  c_reference "c-$((rounds + 2)).tsv" "bip340"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/run.txt"
fi

# ---- extraction: C lines are "<mode>/<name> TAB median_us TAB min_us TAB n"; JMH text output ----
c_field() { awk -F'\t' -v n="$2" -v f="$3" '$1 == n {print $f}' "$out/$1"; }
jmh_p() { # file, percentile (0.00, 0.50), parameter value
  awk -v q=":p$2\$" -v p="$3" '$1 ~ q && $2 == p {print $(NF-1)}' "$out/$1"
}
jmh_score() { # file, benchmark name: the score (the field before "±")
  awk -v b="$2" '$1 ~ b"$" {for (i = 2; i <= NF; i++) if ($i == "±") print $(i - 1)}' "$out/$1"
}
c_cpu() { # file, mode: the median thread CPU time of that mode's session_full_10of15
  awk -v m="$2" '$1 ~ /^(bip340|rfc9591)\// {split($1, a, "/"); mode = a[1]}
    /^# \^ session_full_10of15, thread CPU/ && mode == m {sub(/.*median /, ""); print $1}' "$out/$1"
}
java_cpu() { # file, suite
  awk -v s="$2" '$0 ~ "java/"s"/session_full_10of15, thread CPU" {sub(/.*median /, ""); print $1}' "$out/$1"
}
ratio_line() { # label, java, c
  awk -v l="$1" -v j="$2" -v c="$3" 'BEGIN {printf "  %-34s %8.0f / %8.0f us = %.3f\n", l, j, c, j / c}'
}

{
  cat "$out/run.txt"
  echo
  echo "Full 10-of-15 signing session, Java (JMH SampleTime) / C (run.sh), each round: the C run"
  echo "just before the JMH run and the one just after; median/median is the target (<= 0.75)."
  echo "CPU time: SigningCpuTime (same op, thread CPU time, median) / the C line's thread CPU time."
  for r in $(seq 1 "$rounds"); do
    for c in "c-$r.tsv" "c-$((r + 1)).tsv"; do
      echo "round $r, C from $c:"
      ratio_line "Taproot / bip340, median" "$(jmh_p "full-$r.txt" 0.50 TR:10-of-15)" \
        "$(c_field "$c" bip340/session_full_10of15 2)"
      ratio_line "Taproot / bip340, min" "$(jmh_p "full-$r.txt" 0.00 TR:10-of-15)" \
        "$(c_field "$c" bip340/session_full_10of15 3)"
      ratio_line "RFC 9591 / rfc9591, median" "$(jmh_p "full-$r.txt" 0.50 RFC:10-of-15)" \
        "$(c_field "$c" rfc9591/session_full_10of15 2)"
      ratio_line "Taproot / bip340, CPU time" "$(java_cpu "cpu-$r.txt" TR)" "$(c_cpu "$c" bip340)"
      ratio_line "RFC 9591 / rfc9591, CPU time" "$(java_cpu "cpu-$r.txt" RFC)" "$(c_cpu "$c" rfc9591)"
    done
  done
  echo
  spend1="$(jmh_p spend.txt 0.50 1)"
  spend500="$(jmh_p spend.txt 0.50 500)"
  spend1_mean="$(awk '$1 ~ /buildSignValidate$/ && $2 == 1 {for (i = 3; i <= NF; i++) if ($i == "±") print $(i - 1)}' "$out/spend.txt")"
  spend500_mean="$(awk '$1 ~ /buildSignValidate$/ && $2 == 500 {for (i = 3; i <= NF; i++) if ($i == "±") print $(i - 1)}' "$out/spend.txt")"
  full_tr="$(jmh_p "full-$rounds.txt" 0.50 TR:10-of-15)"
  awk -v s1="$spend1" -v s500="$spend500" -v m1="$spend1_mean" -v m500="$spend500_mean" \
    -v jt="$full_tr" 'BEGIN {
    # SpendBenchmark reports ms, FullSigningBenchmark us. A 500-input op sums 500 inputs, so it
    # takes its share of GC pauses and preemption, which a median of 1-input ops leaves out: the
    # means compare like with like; the medians are printed too.
    printf "500-input consolidation built, signed, validated: mean %.0f ms, median %.0f ms;", m500, s500
    printf " one input: mean %.3f ms, median %.3f ms\n", m1, s1
    printf "  500-input / (500 x one-input), means:   %.3f (target <= 1.1)\n", m500 / (500 * m1)
    printf "  500-input / (500 x one-input), medians: %.3f\n", s500 / (500 * s1)
    printf "  500-input / (500 x full 10-of-15 TR), medians: %.3f (for information)\n", s500 * 1000 / (500 * jt)
  }'
  kg_java="$(jmh_score curve.txt 'CurveBenchmark.publicTimesG')"
  addr_per_s="$(jmh_score hd.txt 'HdDerivationBenchmark.loanAddress')"
  awk -v a="$addr_per_s" -v kg="$kg_java" 'BEGIN {
    printf "loan addresses: %.0f /s (target >= 15,000), %.2f us each (mean)\n", a, 1e6 / a
    printf "  per address / k*G (CurveBenchmark.publicTimesG, JNI, mean %.2f us): %.2f (target <= 3)\n", kg, (1e6 / a) / kg
  }'
  echo "C k*G (ref_ec_pubkey_create_kG, median) in the runs: $(for f in "$out"/c-*.tsv; do
    c_field "$(basename "$f")" bip340/ref_ec_pubkey_create_kG 2
  done | tr '\n' ' ')us"
} | tee "$out/summary.txt"
echo "raw outputs in $out" >&2
