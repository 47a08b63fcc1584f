#!/usr/bin/env bash
# Compares our signing with the official Python SDK's on the same requests.
#
# 1. Creates a venv (default target/bench-python-venv, override with VENV=...) and installs the
#    official SDK from PyPI (alibabacloud-vod20170321, which pulls alibabacloud-tea-openapi).
# 2. Times its signing with scripts/bench_python_signing.py.
# 3. Runs `cargo bench -p vod-runtime --bench signing` (skip with SKIP_CARGO_BENCH=1 to reuse
#    the last results in target/criterion) and prints Python time / Rust time per case.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
venv="${VENV:-$repo/target/bench-python-venv}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check \
    "alibabacloud-vod20170321==3.12.1" "alibabacloud-tea-openapi==0.4.6"

python_results="$("$venv/bin/python" "$repo/scripts/bench_python_signing.py")"

if [ "${SKIP_CARGO_BENCH:-0}" != 1 ]; then
    (cd "$repo" && cargo bench -p vod-runtime --bench signing -- --warm-up-time 1 --measurement-time 3 >&2)
fi

PYTHON_RESULTS="$python_results" CRITERION_DIR="$repo/target/criterion" "$venv/bin/python" - <<'PY'
import json
import os

criterion = os.environ["CRITERION_DIR"]


def rust_us(algorithm, bench, case):
    path = os.path.join(criterion, algorithm, f"{bench}_{case}", "new", "estimates.json")
    with open(path) as estimates:
        return json.load(estimates)["median"]["point_estimate"] / 1000.0


print(f"{'algorithm':<9} {'case':<22} {'python core':>12} {'python client':>14} "
      f"{'rust':>8} {'core/rust':>10} {'client/rust':>12} {'rust/bare':>10}")
python = {}
for line in os.environ["PYTHON_RESULTS"].splitlines():
    measure, algorithm, case, micros = line.split()
    python[(measure, algorithm, case)] = float(micros)
for algorithm in ("v3", "v1"):
    for case in ("certificate_info", "user_domains_10_tags"):
        rust = rust_us(algorithm, "sign_serialize", case)
        bare = rust_us(algorithm, "bare_hmac_sha", case)
        core = python[("core", algorithm, case)]
        client = python[("client", algorithm, case)]
        print(f"{algorithm:<9} {case:<22} {core:>10.2f}us {client:>12.2f}us {rust:>6.2f}us "
              f"{core / rust:>9.1f}x {client / rust:>11.1f}x {rust / bare:>9.2f}x")
PY
