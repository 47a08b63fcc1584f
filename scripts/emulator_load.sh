#!/usr/bin/env bash
# Load check of the emulator: 200 concurrent v3-signed clients for 10 s over loopback; fails on
# any error and prints requests/s and latency percentiles. Extra arguments go to the bench
# (`--clients N --seconds S`). PROFILE=dev skips the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
profile_flag=(--release)
if [[ "${PROFILE:-release}" == dev ]]; then profile_flag=(); fi
exec cargo run -q "${profile_flag[@]}" -p emulator --example load -- --clients 200 --seconds 10 "$@"
