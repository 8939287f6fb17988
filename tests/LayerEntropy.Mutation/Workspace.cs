using LayerEntropy.Cli;

namespace LayerEntropy.Mutation;

/// <summary>The campaign's folder: the real data root, the model every format analyses, and one folder per format.</summary>
internal sealed class Workspace
{
    public Workspace(string root, string dataRoot)
    {
        Root = Path.GetFullPath(root);
        DataRoot = dataRoot;
        Directory.CreateDirectory(Root);
        Model = Path.Combine(Root, "model.onnx");
        CleanData = Path.Combine(Root, "clean-data");
    }

    public string Root { get; }

    /// <summary>The folder holding mnist/ with the real files.</summary>
    public string DataRoot { get; }

    /// <summary>A small MLP trained on real MNIST images.</summary>
    public string Model { get; }

    /// <summary>A data root with MNIST's test split decompressed, read quickly by every analysis of the model.</summary>
    public string CleanData { get; }

    /// <summary>Options that keep one analysis of the model small: a few inputs per class, no resampling, no report.</summary>
    public static readonly string[] SmallAnalysis = ["--limit-per-class", "2", "--bootstrap", "0", "--samples", "0", "--no-report", "-q", "--threads", "1"];

    public string Folder(string name)
    {
        string path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Trains the model and decompresses the test split, once.</summary>
    public void Prepare()
    {
        Directory.CreateDirectory(Path.Combine(CleanData, "mnist"));
        foreach (string name in new[] { "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
            File.WriteAllBytes(Path.Combine(CleanData, "mnist", name), RealMnist.Decompressed(DataRoot, name));
        Run(["train", "-m", "mlp:32,16", "--limit", "1000", "-e", "1", "-b", "100", "--data-dir", DataRoot, "-o", Model, "--threads", "1"]);
    }

    /// <summary>Runs a setup command, which must succeed.</summary>
    public static string Run(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Run(args, output, error);
        if (code != 0) throw new InvalidOperationException($"setup command failed ({code}): layerentropy {string.Join(' ', args)}\n{error}");
        return output.ToString();
    }
}
