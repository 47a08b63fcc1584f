#!/usr/bin/env bash
# Runs Alibaba Cloud's official Python clients against the emulator: the current generated
# client (v3 signature by default, and v2/HMAC-SHA1) and the legacy core. Exits non-zero if any
# client fails. VENV (default: target/emulator-python-venv) is created and reused.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${VENV:-target/emulator-python-venv}"
if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --disable-pip-version-check \
    alibabacloud-vod20170321 alibabacloud-tea-openapi aliyun-python-sdk-core aliyun-python-sdk-vod

cargo build -q -p emulator --bin emulator
log="$(mktemp)"
target/debug/emulator --addr 127.0.0.1:0 --access-key-id compat-id --access-key-secret compat-secret >"$log" 2>&1 &
pid=$!
stop() { kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -f "$log"; }
trap stop EXIT

# The first stdout line is `listening on http://ADDR`.
addr=""
for _ in $(seq 1 100); do
    addr="$(sed -n 's|^listening on http://||p' "$log" | head -n1)"
    [[ -n "$addr" ]] && break
    if ! kill -0 "$pid" 2>/dev/null; then cat "$log" >&2; exit 1; fi
    sleep 0.1
done
if [[ -z "$addr" ]]; then echo "emulator did not start" >&2; cat "$log" >&2; exit 1; fi
echo "emulator on $addr"

"$venv/bin/python" scripts/emulator_python_compat.py "$addr" compat-id compat-secret
