#!/usr/bin/env bash
# Soak: builds the restaurant server (ivrgen build) and the soak
# (internal/loadtest/soak) to a temporary directory, and posts N webhooks
# (default 1,000,000) to the server from 32 keep-alive connections, every
# answer checked, the server's RSS sampled every second. The soak prints
# its figures and exits 1 on any wrong answer, or when the server's memory
# ends over 30 MB or grows (see internal/loadtest/soak/main.go). It takes
# a minute or two on two cores: it is not part of go test nor of CI.
#
#   internal/loadtest/soak.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000000}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go run ./cmd/ivrgen build -o "$work/restaurant" examples/restaurant/restaurant.ivr
go build -o "$work/soak" ./internal/loadtest/soak
IVR_VIRTUAL_NUMBER=+6531591234 IVR_STAFF_NUMBER=+6562345678 \
  "$work/soak" -bin "$work/restaurant" -n "$n"
