#!/usr/bin/env bash
# On a machine with an NVIDIA GPU: builds altmin on the CUDA backend (scripts/cuda-build.sh), prints the backend and
# device ND4J reports, runs the DLAM benchmark (bin/bench quick: one full-batch MNIST iteration with the preset's
# schedule, ms per block and GFLOP/s) and a monitored full-MNIST DLAM run (the preset, --monitor: Properties 1-3),
# and prints the same Markdown table as on the CPU, with the device in it, to $OUT (default
# bench-results/gpu-check.md).
#   scripts/gpu-check.sh [iterations=20] [train iterations=50]
# Needs: nvidia-smi and the CUDA 11.6 runtime; MNIST in the data directory (bin/altmin fetch --dataset mnist).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ITERATIONS="${1:-20}"
TRAIN="${2:-50}"
OUT="${OUT:-$ROOT/bench-results/gpu-check.md}"
command -v nvidia-smi >/dev/null || { echo "gpu-check: no nvidia-smi: not a GPU machine" >&2; exit 4; }
GPU="$(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | head -1)"
[[ "${SKIP_BUILD:-0}" == 1 ]] || "$ROOT/scripts/cuda-build.sh"
CP="$ROOT/experiments/target/classes"
for module in api losses activations solvers verification; do CP="$CP:$ROOT/$module/target/classes"; done
CP="$CP:$ROOT/experiments/target/lib/*"
LOG="$(mktemp -d)"
trap 'rm -rf "$LOG"' EXIT
before="$(cut -d' ' -f1-3 /proc/loadavg)"
# The backend and device as a run's provenance records them.
cat > "$LOG/Device.java" <<'JAVA'
public class Device {
    public static void main(String[] a) {
        System.out.println("backend " + org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName()
                + ", device " + org.altmin.experiments.run.Provenance.currentDevice());
    }
}
JAVA
javac -cp "$CP" -d "$LOG" "$LOG/Device.java"
DEVICE="$(java -cp "$LOG:$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn Device 2>/dev/null | tail -1)"
echo "gpu-check: $DEVICE ($GPU)"
case "$DEVICE" in *"device cuda:"*) ;; *) echo "gpu-check: ND4J did not start on CUDA: $DEVICE" >&2; exit 1;; esac
java ${JAVA_OPTS:--Xmx16g} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
  org.altmin.experiments.bench.DlamQuickCheck "$ITERATIONS" 60000 1 schedule mnist | tee "$LOG/quick.txt"
"$ROOT/bin/altmin" train --config "$ROOT/experiments/examples/dlam-mnist.yaml" --iterations "$TRAIN" --monitor \
  --output "$LOG/runs" --name gpu | tee "$LOG/train.txt"
RUN="$LOG/runs/gpu"
# Iterations after the first quarter: the median ms, GFLOP and GFLOP/s of DlamQuickCheck's lines.
stats() {
  sed -n 's/^iter \([0-9]*\): \([0-9.]*\) ms, GEMM \([0-9.]*\) GFLOP -> \([0-9.]*\) GFLOP\/s.*/\1 \2 \3 \4/p' "$LOG/quick.txt" \
    | awk -v skip="$((ITERATIONS / 4))" '$1 > skip {print $'"$1"'}' | sort -g \
    | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}
{
  echo "GPU check ($(date -u +%Y-%m-%dT%H:%MZ)): $DEVICE; nvidia-smi: $GPU; load average before $before."
  echo
  echo "| setting | ms per iteration | GEMM executed | achieved |"
  echo "| --- | --- | --- | --- |"
  echo "| preset schedule, full MNIST (bin/bench quick $ITERATIONS 60000 1 schedule mnist, median after the first quarter) | $(stats 2) | $(stats 3) GFLOP | $(stats 4) GFLOP/s |"
  echo
  echo "Monitored full-MNIST DLAM run (experiments/examples/dlam-mnist.yaml, $TRAIN iterations, --monitor):"
  echo
  echo '```'
  cat "$RUN/summary.json"
  echo '```'
} > "$OUT.tmp"
mkdir -p "$(dirname "$OUT")" && mv "$OUT.tmp" "$OUT"
cat "$OUT"
