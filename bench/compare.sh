#!/usr/bin/env bash
# Every side-by-side comparison on this machine, in one invocation: our GEMM against OpenBLAS's cblas_sgemm; one
# training epoch of the MNIST MLP and of lenet against PyTorch's; the forward pass and the analysis against PyTorch's
# forward pass (bare, and with per-class firing counts in hooks); peak memory of training and analysis; how cost grows
# with width, image count and threads; imported models on ONNX Runtime (the MLP and resnet18 beside our engine and
# PyTorch, vgg11 at 224×224, and the peak memory of their analyses). Ends with a summary of the ratios. Installs the
# baselines (Debian packages) when missing. The full output is kept in $TMPDIR/layerentropy-compare.log.
# Usage: LAYERENTROPY_DATA=/path/to/data bench/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
/usr/bin/python3 -c 'import torch, numpy' 2>/dev/null || need+=(python3-torch python3-numpy)
/usr/bin/python3 -c 'import torchvision' 2>/dev/null || need+=(python3-torchvision)
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
echo
# Imported models: torchvision's resnet18 (64×64) and vgg11 (224×224) with random weights, exported by torch.onnx.
onnx="$work/onnx"
/usr/bin/python3 bench/onnx_models.py make "$LAYERENTROPY_DATA" "$onnx"
"$bench" onnx "$model" "$onnx" --threads 2 --repeats 5 --torch
/usr/bin/time -f '%M' -o "$work/resnet-all.mem" "$cli" analyze "$onnx/resnet18-64.onnx" --data "$onnx/images64.npy" \
  --labels "$onnx/images64.labels.npy" --taps all -o "$work/resnet-all" --no-report >/dev/null 2>&1
/usr/bin/time -f '%M' -o "$work/vgg.mem" "$cli" analyze "$onnx/vgg11-224.onnx" --data "$onnx/images224.npy" \
  --labels "$onnx/images224.labels.npy" -o "$work/vgg" --no-report >/dev/null 2>&1
echo "Peak memory of imported models' analyses (maximum resident set size, /usr/bin/time; every measure and the bootstrap)"
echo "resnet18 at 64×64, --taps all (17 ReLUs, 188,416 units), 1,000 images:          $(( $(cat "$work/resnet-all.mem") / 1024 )) MiB"
echo "vgg11 at 224×224 (515 MB of weights), default taps and batch, 200 images:        $(( $(cat "$work/vgg.mem") / 1024 )) MiB"
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
  /^MLP 784-/ { model = "mlp" } /^resnet18 at 64/ { model = "resnet" } /^vgg11 at 224/ { model = "vgg" }
  /^ONNX Runtime, bare forward pass/ { ortfwd[model] = $(NF-1) } /^our engine, bare forward pass/ { engfwd = $(NF-1) }
  /^analysis on ONNX Runtime, default taps/ { ortana[model] = $NF }
  /^MLP: PyTorch/ { ortmlp = $NF } /^resnet18: PyTorch/ { ortres = $NF }
  /^resnet18 at 64×64, --taps all/ { resmem = $(NF-1) } /^vgg11 at 224×224 \(515/ { vggmem = $(NF-1) }
  /^analysis, all 70,000 images, every measure and/ { bootmem = $(NF-1) }
  END {
    printf "GEMM, 1024³ and 128×784×512, every case and thread count, lowest ours/OpenBLAS:  %s  [≥ 0.95]\n", big
    printf "GEMM, 128×128×64 and 128×64×32, lowest ours/OpenBLAS:                          %s  [≥ 0.8]\n", small
    printf "MLP training epoch, ours/PyTorch:                                              %s  [≤ 0.4]\n", epoch["mlp"]
    printf "lenet training epoch, ours/PyTorch:                                            %s  [≤ 1.0]\n", epoch["lenet"]
    printf "bare forward pass over 70,000 images, ours/PyTorch:                            %s  [≤ 0.35]\n", forward
    printf "analysis, every measure but the bootstrap, × our forward pass:                 %s  [≤ 1.1]\n", analysis
    printf "peak memory: training %s MiB [< 500 MB], analysis %s MiB, with bootstrap %s MiB [< 600 MB]\n", trainmem, anamem, bootmem
    printf "MLP bare forward pass, ONNX Runtime / our engine:                              %.2f\n", ortfwd["mlp"] / engfwd
    printf "bare forward pass, ONNX Runtime / PyTorch: MLP %s, resnet18 at 64×64 %s\n", ortmlp, ortres
    printf "analysis on ONNX Runtime, × its bare forward pass: resnet18 %s, vgg11 %s, MLP %s  [≤ 1.3]\n", ortana["resnet"], ortana["vgg"], ortana["mlp"]
    printf "peak memory: resnet18 --taps all %s MiB, vgg11 at 224×224 %s MiB  [< 2 GB]\n", resmem, vggmem
  }' "$log"
