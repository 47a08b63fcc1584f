#!/usr/bin/env bash
# Measures the generator: (1) spec lines vs generated lines per action, (2) release codegen
# wall time, (3) debug build time of the generated crate alone (dependencies already built):
# the literal total / N, and the marginal cost per action as the least-squares slope over
# crates generated from the first k = 1..N actions of spec/ (intercept = fixed cost).
# Usage: scripts/measure_codegen.sh   (from anywhere; works in the repo root)
# REPEATS=n (default 3): builds per measurement; the minimum counts.
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
shared=$(cat generated/src/lib.rs generated/src/client.rs generated/src/enums.rs generated/src/errors.rs | wc -l)
printf '%-45s %10d %10d\n' "total ($actions actions)" "$total_spec" "$total_gen"
printf '%-45s %10s %10d\n' "shared (lib.rs, client.rs, enums.rs, errors.rs)" "-" "$shared"
printf '%-45s %10s %10d\n' "tests/examples.rs" "-" "$(wc -l < generated/tests/examples.rs)"

echo "== (2) release codegen wall time"
cargo build --release -q -p codegen
# --check does all the work (load, emit, format, compare) without touching generated/.
start=$(now); ./target/release/codegen --check > /dev/null || true; end=$(now)
echo "target/release/codegen --check: $(elapsed "$start" "$end") s"
start=$(now); cargo run --release -q -p codegen -- --check > /dev/null || true; end=$(now)
echo "cargo run --release -p codegen -- --check (already built): $(elapsed "$start" "$end") s"

echo "== (3) debug build of the generated crate alone, dependencies built"
repeats=${REPEATS:-3}
root=$(pwd)
# Minimum wall time over $repeats rebuilds of package $1 after `cargo clean -p $1`; the rest
# of the arguments go to both cargo commands (manifest path, target dir).
min_build() {
  local package=$1 best="" start end t
  shift
  cargo build -q --offline -p "$package" "$@"  # dependencies warm
  for _ in $(seq "$repeats"); do
    cargo clean -q --offline -p "$package" "$@"
    start=$(now); cargo build -q --offline -p "$package" "$@"; end=$(now)
    t=$(elapsed "$start" "$end")
    best=$(awk -v b="$best" -v t="$t" 'BEGIN { print (b == "" || t < b) ? t : b }')
  done
  echo "$best"
}

build=$(min_build vod-sdk)
echo "cargo build -p vod-sdk: $build s (min of $repeats), total/N = $(awk -v t="$build" -v n="$actions" 'BEGIN { printf "%.3f", t / n }') s per action"

# Detached crates (their own [workspace], a copy of Cargo.lock) generated from spec subsets,
# sharing one target dir so that the dependencies are built once.
cargo build --release -q -p codegen
work="$root/target/measure-codegen"
export CARGO_TARGET_DIR="$work/target"
mapfile -t all_actions < <(ls spec/actions/*.yaml | sort)
n=${#all_actions[@]}
points=""
printf '%-8s %12s %12s\n' actions lines "build (s)"
for k in $(seq 1 "$n"); do
  crate="$work/k$k"
  rm -rf "$crate"
  mkdir -p "$crate/spec/actions"
  cp spec/product.yaml spec/enums.yaml spec/errors.yaml "$crate/spec/"
  cp "${all_actions[@]:0:k}" "$crate/spec/actions/"
  "$root/target/release/codegen" --spec "$crate/spec" --out "$crate" > /dev/null
  cat > "$crate/Cargo.toml" <<TOML
[package]
name = "measure-k$k"
version = "0.0.0"
edition = "2024"
publish = false

[lib]
path = "src/lib.rs"

[dependencies]
vod-runtime = { path = "$root/runtime" }
serde = { version = "1", features = ["derive"] }

[workspace]
TOML
  cp Cargo.lock "$crate/Cargo.lock"
  t=$(min_build "measure-k$k" --manifest-path "$crate/Cargo.toml")
  lines=$(cat "$crate"/src/*.rs | wc -l)
  printf '%-8d %12d %12s\n' "$k" "$lines" "$t"
  points="$points $k $t"
done
echo "$points" | awk '{
  n = NF / 2
  for (i = 1; i <= NF; i += 2) { x = $i; y = $(i + 1); sx += x; sy += y; sxx += x * x; sxy += x * y }
  slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
  printf "least squares over k = 1..%d: %.3f s per action (marginal), intercept %.3f s (fixed)\n", n, slope, (sy - slope * sx) / n
}'
