#!/usr/bin/env bash
# Builds altmin on ND4J's CUDA 11.6 backend (the `cuda` Maven profile: nd4j-cuda-11.6 instead of nd4j-native) and
# checks that the backend's jars were resolved. Not part of .ci/run: the first build downloads about 610 MB
# (nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64.jar alone is 600 MB; org.bytedeco:cuda 11.6-8.3-1.5.7 adds 7 MB).
# Running it needs an NVIDIA driver and the CUDA 11.6 runtime (libcudart, cuBLAS, cuSolver; cuDNN 8.3 optional)
# on the library path; scripts/gpu-check.sh then runs the benchmarks on the GPU.
#   scripts/cuda-build.sh                     # into ~/.m2, as any Maven build
#   CUDA_M2=/tmp/cuda-m2 scripts/cuda-build.sh   # the CUDA jars into their own local repository, the rest read
#                                                # from ~/.m2 (Maven 3.9's maven.repo.local.tail)
# Afterwards experiments/target/lib holds the CUDA backend and no CPU one, so bin/altmin and bin/bench run on the
# GPU; a plain `./mvnw package` after `rm -rf experiments/target/lib` goes back to the CPU.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARGS=(-B -Pcuda -DskipTests)
if [[ -n "${CUDA_M2:-}" ]]; then
  ARGS+=("-Dmaven.repo.local=$CUDA_M2" "-Dmaven.repo.local.tail=$HOME/.m2/repository")
fi
echo "cuda-build: resolving and compiling with -Pcuda (first time: about 610 MB of CUDA jars)" >&2
# No CPU backend jars next to the CUDA ones: ND4J would pick the CPU backend where CUDA cannot start.
rm -rf "$ROOT/experiments/target/lib"
(cd "$ROOT" && ./mvnw "${ARGS[@]}" package "$@")
LIB="$ROOT/experiments/target/lib"
if ! ls "$LIB" | grep -q '^nd4j-cuda-11.6-.*linux-x86_64.jar$'; then
  echo "cuda-build: nd4j-cuda-11.6 (linux-x86_64) is missing from $LIB" >&2
  exit 1
fi
if ls "$LIB" | grep -q '^nd4j-native-1'; then
  echo "cuda-build: a CPU backend jar (nd4j-native) is in $LIB next to the CUDA one" >&2
  exit 1
fi
echo "cuda-build: built on the CUDA backend:" >&2
ls -l "$LIB" | grep -E 'nd4j-cuda|bytedeco|cuda-11' >&2 || true
