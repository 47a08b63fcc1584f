#!/usr/bin/env bash
# Instructions per iteration of each signing benchmark, counted by callgrind: repeatable on a
# loaded machine, where criterion's wall-clock times move by +-30%.
#
# Usage: runtime/benches/callgrind.sh [BENCH_BINARY]   (default: builds it with cargo bench)
#
# Under valgrind, sha2 does not see the CPU's SHA extensions and runs its portable code, so the
# digest share is larger than on hardware. Compare `overhead` (sign+serialize minus the bare
# HMAC/SHA of the same strings): it does not depend on how the digests are computed.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
binary="${1:-}"
if [ -z "$binary" ]; then
    binary="$(cd "$repo" && cargo bench -p vod-runtime --bench signing --no-run --message-format=json 2>/dev/null \
        | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)"
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# Inclusive instructions of criterion's `Bencher::iter` divided by the times it ran the routine
# (the calls it made to `function`).
per_iteration() {
    local bench="$1" function="$2" file="$out/cg.out"
    valgrind --tool=callgrind --callgrind-out-file="$file" "$binary" --bench --profile-time 1 \
        "^${bench}\$" >/dev/null 2>&1
    # In the caller tree each function's block lists its callers (`< caller (Nx)`), then the
    # function itself (`*  function`); blocks are separated by blank lines.
    callgrind_annotate --tree=caller --inclusive=yes "$file" 2>/dev/null | awk -v f="$function" '
        /^$/ { from_iter = "" }
        /< .*criterion::bencher::Bencher<M>::iter \(/ { from_iter = $0 }
        /\*  .*criterion::bencher::Bencher<M>::iter / { total = $1; gsub(",", "", total) }
        index($0, "*  ???:" f " ") && from_iter != "" && calls == "" {
            calls = from_iter
            sub(/.*\(/, "", calls); sub(/x\).*/, "", calls); gsub(",", "", calls)
        }
        END { if (calls > 0) printf "%.0f\n", total / calls; else print "?" }'
}

printf '%-3s %-22s %14s %14s %14s %10s\n' alg case sign_serialize sign bare_hmac_sha overhead
for algorithm in v3 v1; do
    for case in certificate_info user_domains_10_tags; do
        full="$(per_iteration "$algorithm/sign_serialize/$case" "vod_runtime::signing::Algorithm::sign_query")"
        sign="$(per_iteration "$algorithm/sign/$case" "vod_runtime::signing::Algorithm::sign_query")"
        bare="$(per_iteration "$algorithm/bare_hmac_sha/$case" "signing::bare_crypto")"
        printf '%-3s %-22s %14s %14s %14s %10s\n' "$algorithm" "$case" "$full" "$sign" "$bare" \
            "$((full - bare))"
    done
done
