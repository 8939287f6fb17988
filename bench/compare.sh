#!/usr/bin/env bash
# Every side-by-side comparison on this machine, in one invocation: our GEMM against OpenBLAS's cblas_sgemm; one
# training epoch of the MNIST MLP and of lenet against PyTorch's; the forward pass and the analysis against PyTorch's
# forward pass (bare, and with per-class firing counts in hooks); peak memory of training and analysis; how cost grows
# with width, image count and threads. Ends with a summary of the ratios. Installs the baselines (Debian packages) when
# missing. The full output is kept in $TMPDIR/layerentropy-compare.log.
# Usage: LAYERENTROPY_DATA=/path/to/data bench/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
/usr/bin/python3 -c 'import torch, numpy' 2>/dev/null || need+=(python3-torch python3-numpy)
/usr/bin/python3 -c 'import onnx' 2>/dev/null || need+=(python3-onnx)
ldconfig -p | grep -q libopenblas.so.0 || need+=(libopenblas0-pthread)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
: "${LAYERENTROPY_DATA:?set LAYERENTROPY_DATA to the folder that holds mnist/}"
dotnet build -c Release bench/LayerEntropy.Bench >/dev/null
dotnet build -c Release src/LayerEntropy.Cli >/dev/null
bench=bench/LayerEntropy.Bench/bin/Release/net10.0/LayerEntropy.Bench
cli=src/LayerEntropy.Cli/bin/Release/net10.0/LayerEntropy.Cli
work="${TMPDIR:-/tmp}/layerentropy-compare"
log="${TMPDIR:-/tmp}/layerentropy-compare.log"
mkdir -p "$work"

{
lscpu | grep -E 'Model name|^CPU\(s\)' | sed 's/  */ /g'
echo
"$bench" gemm
echo
"$bench" train --threads 2 --repeats 3
echo
"$bench" train --model lenet --threads 2 --repeats 3
echo
# Peak memory of a training run of the MLP and of the full analysis of all 70,000 images, each its own process.
# The README's MLP (5 epochs on MNIST, seed 0) is the model every analysis comparison runs on.
model="$work/mlp.onnx"
/usr/bin/time -f '%M' -o "$work/train.mem" "$cli" train --dataset mnist --model mlp:512,256,128,64,32 --epochs 5 --batch 128 \
  --optimizer adam --lr 1e-3 --seed 0 -o "$model" >/dev/null 2>&1
/usr/bin/time -f '%M' -o "$work/analyze.mem" "$cli" analyze "$model" --dataset mnist --split all --bootstrap 0 \
  -o "$work/analysis" --no-report >/dev/null 2>&1
/usr/bin/time -f '%M' -o "$work/analyze-bootstrap.mem" "$cli" analyze "$model" --dataset mnist --split all \
  -o "$work/analysis-bootstrap" --no-report >/dev/null 2>&1
echo "Peak memory (maximum resident set size, /usr/bin/time)"
echo "training, MLP 784-512-256-128-64-32-10, 5 epochs of MNIST:                   $(( $(cat "$work/train.mem") / 1024 )) MiB"
echo "analysis, all 70,000 images, every measure but the bootstrap:                $(( $(cat "$work/analyze.mem") / 1024 )) MiB"
echo "analysis, all 70,000 images, every measure and 200 bootstrap resamples:      $(( $(cat "$work/analyze-bootstrap.mem") / 1024 )) MiB"
echo
"$bench" analysis "$model" --threads 2 --repeats 5 --torch
echo
"$bench" scaling "$model" --repeats 3
} 2>&1 | tee "$log"

echo
echo "Summary (target in brackets)"
awk '
  $2 ~ /^(128,784,512|1024,1024,1024)$/ && $NF+0 > 0 { if (big == "" || $NF+0 < big) big = $NF+0 }
  $2 ~ /^(128,128,64|128,64,32)$/ && $NF+0 > 0 { if (small == "" || $NF+0 < small) small = $NF+0 }
  /^MLP .* per epoch$/ { section = "mlp" } /^LeNet-5 .* per epoch$/ { section = "lenet" }
  /^ratio \(ours \/ PyTorch epoch time\)/ { epoch[section] = $NF }
  /^ratio, bare forward pass/ { forward = $NF }
  /^analysis, every measure but the bootstrap / && analysis == "" { analysis = $(NF-2) }
  /^training, MLP/ { trainmem = $(NF-1) } /^analysis, all 70,000 images, every measure but/ { anamem = $(NF-1) }
  /^analysis, all 70,000 images, every measure and/ { bootmem = $(NF-1) }
  END {
    printf "GEMM, 1024³ and 128×784×512, every case and thread count, lowest ours/OpenBLAS:  %s  [≥ 0.95]\n", big
    printf "GEMM, 128×128×64 and 128×64×32, lowest ours/OpenBLAS:                          %s  [≥ 0.8]\n", small
    printf "MLP training epoch, ours/PyTorch:                                              %s  [≤ 0.4]\n", epoch["mlp"]
    printf "lenet training epoch, ours/PyTorch:                                            %s  [≤ 1.0]\n", epoch["lenet"]
    printf "bare forward pass over 70,000 images, ours/PyTorch:                            %s  [≤ 0.35]\n", forward
    printf "analysis, every measure but the bootstrap, × our forward pass:                 %s  [≤ 1.1]\n", analysis
    printf "peak memory: training %s MiB [< 500 MB], analysis %s MiB, with bootstrap %s MiB [< 600 MB]\n", trainmem, anamem, bootmem
  }' "$log"
