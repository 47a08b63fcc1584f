#!/usr/bin/env bash
# Runs Alibaba Cloud's official Python clients against the emulator: the current generated
# client (v3 signature by default, and v2/HMAC-SHA1) and the legacy core, with a plain key pair
# and with an STS token. Exits non-zero if any client fails. VENV (default:
# target/emulator-python-venv) is created and reused.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${VENV:-target/emulator-python-venv}"
if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --disable-pip-version-check \
    alibabacloud-vod20170321 alibabacloud-tea-openapi aliyun-python-sdk-core aliyun-python-sdk-vod

cargo build -q -p emulator --bin emulator
workdir="$(mktemp -d)"
pids=()
stop() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
    rm -rf "$workdir"
}
trap stop EXIT

# Starts an emulator on a free port with the extra arguments; sets `addr` from its first stdout
# line, `listening on http://ADDR`.
start_emulator() {
    local log="$workdir/emulator-$#-${#pids[@]}.log"
    target/debug/emulator --addr 127.0.0.1:0 --access-key-id compat-id --access-key-secret compat-secret "$@" >"$log" 2>&1 &
    local pid=$!
    pids+=("$pid")
    addr=""
    for _ in $(seq 1 100); do
        addr="$(sed -n 's|^listening on http://||p' "$log" | head -n1)"
        [[ -n "$addr" ]] && return 0
        if ! kill -0 "$pid" 2>/dev/null; then cat "$log" >&2; exit 1; fi
        sleep 0.1
    done
    echo "emulator did not start" >&2
    cat "$log" >&2
    exit 1
}

start_emulator
plain="$addr"
start_emulator --security-token compat-sts-token
sts="$addr"
echo "emulators on $plain (key pair) and $sts (STS token)"

"$venv/bin/python" scripts/emulator_python_compat.py "$plain" "$sts" compat-id compat-secret compat-sts-token
