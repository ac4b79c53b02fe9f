#!/usr/bin/env bash
# One SGD epoch, altmin against PyTorch, side by side: SGD with momentum 0.9, learning rate 0.05, batch 128, the
# 784-100-100-10 ReLU network with cross-entropy, FLOAT, full MNIST (60000 training images), with 1 and 2 threads
# (and altmin's default thread policy). Each pair runs one right after the other; the figure is the median epoch
# after the first. Prints a Markdown table with the machine's description and writes it to $OUT
# (default bench-results/sgd-vs-pytorch.md).
#   scripts/sgd-vs-pytorch.sh [epochs=3] [rounds=1]
# Needs Debian's PyTorch: apt-get install -y python3-torch libopenblas0-pthread (run with /usr/bin/python3, not a
# pyenv python3 on PATH), and MNIST in the data directory (bin/altmin fetch --dataset mnist).
# Environment: THREADS (default "1 2"), SAMPLES (default 60000), ALTMIN_DATA (default ~/.altmin/data),
# SKIP_BUILD=1 to use the current build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EPOCHS="${1:-3}"
ROUNDS="${2:-1}"
THREADS="${THREADS:-1 2}"
SAMPLES="${SAMPLES:-60000}"
DATA="${ALTMIN_DATA:-$HOME/.altmin/data}/mnist"
OUT="${OUT:-$ROOT/bench-results/sgd-vs-pytorch.md}"
PYTHON=/usr/bin/python3

if ! "$PYTHON" -c 'import torch' 2>/dev/null; then
  echo "sgd-vs-pytorch: $PYTHON cannot import torch; install it: apt-get install -y python3-torch libopenblas0-pthread" >&2
  exit 4
fi
if [[ ! -f "$DATA/train-images-idx3-ubyte" ]]; then
  echo "sgd-vs-pytorch: MNIST not found in $DATA; fetch it: bin/altmin fetch --dataset mnist" >&2
  exit 4
fi
[[ "${SKIP_BUILD:-0}" == 1 ]] || (cd "$ROOT" && ./mvnw -B -q -DskipTests package) >&2
CP="$ROOT/experiments/target/classes"
for module in api losses activations solvers verification; do CP="$CP:$ROOT/$module/target/classes"; done
CP="$CP:$ROOT/experiments/target/lib/*"

# The OpenBLAS altmin loads (ALTMIN_BLAS=auto|system|bundled, bin/blas-env); PyTorch uses the system's BLAS.
# blas-env also sets altmin's idle-thread environment (OMP_WAIT_POLICY, OPENBLAS_THREAD_TIMEOUT); PyTorch runs with
# the environment this script was started with, as a PyTorch user would (TORCH_ENV=altmin gives it altmin's).
TORCH_UNSET=()
[[ -v OMP_WAIT_POLICY ]] || TORCH_UNSET+=(-u OMP_WAIT_POLICY)
[[ -v OPENBLAS_THREAD_TIMEOUT ]] || TORCH_UNSET+=(-u OPENBLAS_THREAD_TIMEOUT)
[[ "${TORCH_ENV:-user}" == altmin ]] && TORCH_UNSET=()
source "$ROOT/bin/blas-env"
altmin_blas_flags
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_BEFORE="$(load)"
torch_epoch() {  # threads -> median seconds
  env ${TORCH_UNSET[@]+"${TORCH_UNSET[@]}"} OMP_NUM_THREADS="$1" "$PYTHON" "$ROOT/scripts/sgd_epoch_torch.py" --threads "$1" --epochs "$EPOCHS" \
    --samples "$SAMPLES" --data-dir "$DATA" | tee -a "$LOG" | sed -n 's/^result .*median_epoch_s=\([0-9.]*\).*/\1/p'
}
altmin_epoch() {  # threads|auto -> median seconds (no OMP_NUM_THREADS: the thread policy sets every knob at run time)
  ALTMIN_DATA="${DATA%/mnist}" java ${JAVA_OPTS:--Xmx4g} $BLAS_FLAGS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
    org.altmin.experiments.bench.SgdEpochCheck "$EPOCHS" "$1" "$SAMPLES" mnist 2>&1 | grep -v WARN | tee -a "$LOG" \
    | sed -n 's/^result .*median_epoch_s=\([0-9.]*\).*/\1/p'
}
declare -A TORCH ALTMIN
for round in $(seq "$ROUNDS"); do
  for t in $THREADS; do
    TORCH[$t]="${TORCH[$t]:-} $(torch_epoch "$t")"
    ALTMIN[$t]="${ALTMIN[$t]:-} $(altmin_epoch "$t")"
  done
  ALTMIN[auto]="${ALTMIN[auto]:-} $(altmin_epoch auto)"
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
LOAD_AFTER="$(load)"
best_torch=""
{
  echo "SGD epoch, altmin vs PyTorch ($(date -u +%Y-%m-%dT%H:%MZ)): momentum 0.9, lr 0.05, batch 128, 784-100-100-10 ReLU,"
  echo "cross-entropy, FLOAT, N = $SAMPLES MNIST, median epoch of $EPOCHS after the first, $ROUNDS round(s)."
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; load average before $LOAD_BEFORE, after $LOAD_AFTER;"
  echo "PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)'), $(java -version 2>&1 | head -1);"
  echo "altmin's BLAS: $(sed -n 's/^sgd .*; BLAS //p' "$LOG" | head -1)."
  echo "Idle threads: altmin OMP_WAIT_POLICY=$OMP_WAIT_POLICY, OPENBLAS_THREAD_TIMEOUT=$OPENBLAS_THREAD_TIMEOUT;" \
    "PyTorch $(env ${TORCH_UNSET[@]+"${TORCH_UNSET[@]}"} bash -c 'echo "OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-unset}, OPENBLAS_THREAD_TIMEOUT=${OPENBLAS_THREAD_TIMEOUT:-unset}"')."
  echo
  echo "| threads | PyTorch s/epoch | altmin s/epoch | altmin / PyTorch |"
  echo "| --- | --- | --- | --- |"
  for t in $THREADS; do
    tt="$(echo "${TORCH[$t]}" | median)"; aa="$(echo "${ALTMIN[$t]}" | median)"
    echo "| $t | $tt | $aa | $(awk -v a="$aa" -v b="$tt" 'BEGIN {printf "%.2f", a / b}') |"
    if [[ -z "$best_torch" ]] || awk -v a="$tt" -v b="$best_torch" 'BEGIN {exit !(a < b)}'; then best_torch="$tt"; fi
  done
  aa="$(echo "${ALTMIN[auto]}" | median)"
  echo "| altmin default (thread policy) vs PyTorch's best | $best_torch | $aa | $(awk -v a="$aa" -v b="$best_torch" 'BEGIN {printf "%.2f", a / b}') |"
} > "$LOG.md"
mkdir -p "$(dirname "$OUT")"
cp "$LOG.md" "$OUT.tmp" && mv "$OUT.tmp" "$OUT"
rm -f "$LOG.md"
cat "$OUT"
