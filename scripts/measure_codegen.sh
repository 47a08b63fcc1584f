#!/usr/bin/env bash
# Measures the generator: (1) spec lines vs generated lines per action, (2) release codegen
# wall time, (3) debug build time of the generated crate alone, total and per action.
# Usage: scripts/measure_codegen.sh   (from anywhere; works in the repo root)
set -euo pipefail
cd "$(dirname "$0")/.."

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

echo "== (1) spec lines vs generated lines per action"
printf '%-45s %10s %10s %7s\n' action spec generated ratio
total_spec=0 total_gen=0 actions=0
for generated in generated/src/*.rs; do
  # Each action module names its spec file on its @generated header line.
  source=$(head -1 "$generated" | sed -n 's|.*from \(spec/actions/[A-Za-z0-9]*\.yaml\)\..*|\1|p')
  [ -n "$source" ] || continue
  spec_lines=$(wc -l < "$source")
  gen_lines=$(wc -l < "$generated")
  printf '%-45s %10d %10d %7s\n' "$(basename "$source" .yaml)" "$spec_lines" "$gen_lines" \
    "$(awk -v g="$gen_lines" -v s="$spec_lines" 'BEGIN { printf "%.1fx", g / s }')"
  total_spec=$((total_spec + spec_lines)) total_gen=$((total_gen + gen_lines)) actions=$((actions + 1))
done
shared=$(cat generated/src/lib.rs generated/src/client.rs generated/src/enums.rs | wc -l)
printf '%-45s %10d %10d\n' "total ($actions actions)" "$total_spec" "$total_gen"
printf '%-45s %10s %10d\n' "shared (lib.rs, client.rs, enums.rs)" "-" "$shared"
printf '%-45s %10s %10d\n' "tests/examples.rs" "-" "$(wc -l < generated/tests/examples.rs)"

echo "== (2) release codegen wall time"
cargo build --release -q -p codegen
# --check does all the work (load, emit, format, compare) without touching generated/.
start=$(now); ./target/release/codegen --check > /dev/null || true; end=$(now)
echo "target/release/codegen --check: $(elapsed "$start" "$end") s"
start=$(now); cargo run --release -q -p codegen -- --check > /dev/null || true; end=$(now)
echo "cargo run --release -p codegen -- --check (already built): $(elapsed "$start" "$end") s"

echo "== (3) debug build of vod-sdk alone"
cargo build -q -p vod-sdk  # dependencies warm
cargo clean -q -p vod-sdk
start=$(now); cargo build -q -p vod-sdk; end=$(now)
build=$(elapsed "$start" "$end")
echo "cargo build -p vod-sdk: $build s, $(awk -v t="$build" -v n="$actions" 'BEGIN { printf "%.2f", t / n }') s per action"
