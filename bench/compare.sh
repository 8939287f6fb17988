#!/usr/bin/env bash
# Side-by-side comparisons on this machine, in one invocation: our GEMM against OpenBLAS's cblas_sgemm, and one
# training epoch of the MNIST MLP against PyTorch's. Installs the baselines (Debian packages) when missing.
# Usage: LAYERENTROPY_DATA=/path/to/data bench/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
/usr/bin/python3 -c 'import torch, numpy' 2>/dev/null || need+=(python3-torch python3-numpy)
ldconfig -p | grep -q libopenblas.so.0 || need+=(libopenblas0-pthread)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
: "${LAYERENTROPY_DATA:?set LAYERENTROPY_DATA to the folder that holds mnist/}"
dotnet build -c Release bench/LayerEntropy.Bench >/dev/null
bench=bench/LayerEntropy.Bench/bin/Release/net10.0/LayerEntropy.Bench
lscpu | grep -E 'Model name|^CPU\(s\)' | sed 's/  */ /g'
echo
"$bench" gemm
echo
"$bench" train --threads 2 --repeats 3
echo
# The analysis comparison runs on the README's MLP (5 epochs on MNIST, seed 0), trained here once.
model="${TMPDIR:-/tmp}/layerentropy-bench-mlp.onnx"
if [ ! -f "$model" ]; then
  dotnet run -c Release --project src/LayerEntropy.Cli -- train --dataset mnist --model mlp:512,256,128,64,32 --epochs 5 \
    --batch 128 --optimizer adam --lr 1e-3 --seed 0 -o "$model" >/dev/null 2>&1
fi
"$bench" analysis "$model" --threads 2 --repeats 9
