using LayerEntropy.Bench;

// Each subcommand is one side-by-side comparison; see docs/PERFORMANCE.md for the recorded results.
switch (args.Length > 0 ? args[0] : "")
{
    case "gemm":
        return GemmComparison.Run(args[1..]);
    case "train":
        return TrainComparison.Run(args[1..]);
    case "analysis-parts":
        return AnalysisParts.Run(args[1..]);
    case "analysis":
        return AnalysisComparison.Run(args[1..]);
    case "scaling":
        return Scaling.Run(args[1..]);
    case "layers":
        return LayerTimes.Run(args[1..]);
    case "onnx":
        return RuntimeComparison.Run(args[1..]);
    case "image-load":
        return ImageLoading.Run(args[1..]);
    case "firing-product":
        return FiringProductBench.Run();
    case "charts":
        return ChartRendering.Run(args[1..]);
    default:
        Console.Error.WriteLine("usage: LayerEntropy.Bench <gemm|train|layers|analysis|analysis-parts|scaling|onnx|image-load|firing-product|charts>");
        return 2;
}
