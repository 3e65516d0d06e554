#!/usr/bin/env bash
# Fuzzes the layout, schedule, configuration and warning (CAP XML, JSON alert) decoders with libFuzzer (shipped with the
# Swift toolchain on Linux) for a bounded time: FUZZ_SECONDS (default 60). Seeds are small
# inputs of every kind (Tests/Fuzz/seeds), the repository's layouts, schedules and
# configuration, and the hostile corpus. A crash, a hang (over 10 s on one input) or more than
# 2 GB of memory fails the run and leaves the input in .build/fuzz/ (replay it with
# .build/fuzz/fuzz-decoders FILE). The inputs found are kept in .build/fuzz/corpus for next time.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
# A trap ends the run at once (Swift's backtracer, reading memory, would trip the sanitizer).
export SWIFT_BACKTRACE=enable=no
out=.build/fuzz
mkdir -p "$out/corpus" "$out/seeds"

# BangtinCore's sources and the fuzz entry point as one module, instrumented.
mapfile -t sources < <(find Sources/BangtinCore -name '*.swift' | sort)
if ! swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name BangtinFuzz \
    "${sources[@]}" Tests/Fuzz/FuzzDecoders.swift -o "$out/fuzz-decoders" >"$out/build.log" 2>&1; then
    grep -v 'ld.gold: warning' "$out/build.log" >&2
    exit 1
fi

find Tests/Fuzz/seeds layouts packaging Tests/BangtinCLITests/Hostile \( -name '*.json' -o -name '*.xml' \) -size -64k -print0 |
    while IFS= read -r -d '' file; do cp "$file" "$out/seeds/$(echo "$file" | tr '/' '_')"; done

echo "fuzzing the decoders for ${seconds} s"
log="$out/fuzz.log"
if ! "$out/fuzz-decoders" -max_total_time="$seconds" -max_len=4096 -use_value_profile=1 -timeout=10 -rss_limit_mb=2048 \
    -dict=Tests/Fuzz/decoders.dict -artifact_prefix="$out/" -print_final_stats=1 \
    "$out/corpus" "$out/seeds" >"$log" 2>&1; then
    grep -v '^#[0-9]' "$log" | tail -60 >&2
    echo "fuzzing found a problem; the input is in $out/ (full log: $log)" >&2
    exit 1
fi
grep '^stat::\|^Done' "$log"
