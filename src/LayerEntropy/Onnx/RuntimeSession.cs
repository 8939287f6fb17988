using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LayerEntropy.Onnx;

/// <summary>
/// An ONNX Runtime session (CPU) over a graph, with chosen intermediate values added to its outputs so that they can
/// be fetched. Every failure of ONNX Runtime becomes a one-line <see cref="LayerEntropyException"/> naming the file.
/// </summary>
internal sealed class RuntimeSession : IDisposable
{
    private readonly InferenceSession session;
    private readonly RunOptions run = new();
    private readonly string path;

    static RuntimeSession()
    {
        // ONNX Runtime logs warnings (unused initializers, say) to stderr; our messages say what matters.
        var options = new EnvironmentCreationOptions { logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, logId = "layerentropy" };
        try
        {
            OrtEnv.CreateInstanceWithOptions(ref options);
        }
        catch (OnnxRuntimeException)
        {
            // The environment exists already (created by an earlier caller with its own options): use it.
        }
    }

    private RuntimeSession(string path, InferenceSession session)
    {
        this.path = path;
        this.session = session;
    }

    /// <summary>The ONNX Runtime version that runs imported models, for the run manifest.</summary>
    public static string Version => OrtEnv.Instance().GetVersionString();

    /// <param name="extraOutputs">Values to fetch besides the graph's outputs.</param>
    /// <param name="optimize">Apply ONNX Runtime's graph optimisations (off for a probe that fetches every value anyway).</param>
    /// <param name="threads">Intra-op threads.</param>
    /// <exception cref="LayerEntropyException">ONNX Runtime refuses the model.</exception>
    public static RuntimeSession Create(OnnxGraph graph, IEnumerable<string> extraOutputs, bool optimize, int threads)
    {
        var (bytes, external) = graph.BytesWithOutputs(extraOutputs);
        return Create(graph.Path, bytes, optimize, threads, external);
    }

    /// <summary>A session over model bytes made elsewhere (a control's redrawn graph); <paramref name="path"/> names it in messages.</summary>
    public static RuntimeSession Create(string path, byte[] bytes, bool optimize, int threads, bool externalData = false)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = optimize ? GraphOptimizationLevel.ORT_ENABLE_ALL : GraphOptimizationLevel.ORT_DISABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        // ONNX Runtime's workers spin between operators by default; the analysis's own workers run beside them.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        if (externalData)
            options.AddSessionConfigEntry("session.model_external_initializers_file_folder_path", Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            return new RuntimeSession(path, new InferenceSession(bytes, options));
        }
        catch (OnnxRuntimeException e)
        {
            throw LayerEntropyException.ForFile(path, $"ONNX Runtime cannot load the model: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>The element type of each output, by name.</summary>
    public IReadOnlyDictionary<string, NodeMetadata> Outputs => session.OutputMetadata;

    /// <summary>
    /// Runs a batch (<paramref name="input"/>, of shape <paramref name="shape"/>) and hands each output in
    /// <paramref name="outputs"/> to <paramref name="take"/> with its shape; the values are valid only during the call.
    /// </summary>
    /// <exception cref="LayerEntropyException">ONNX Runtime fails on the batch.</exception>
    public void Run(string inputName, float[] input, long[] shape, IReadOnlyList<string> outputs, Action<int, long[], ReadOnlySpan<float>> take)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        IDisposableReadOnlyCollection<OrtValue> results;
        try
        {
            results = session.Run(run, [inputName], [value], outputs);
        }
        catch (OnnxRuntimeException e)
        {
            throw LayerEntropyException.ForFile(path, $"ONNX Runtime failed on inputs of shape [{string.Join(",", shape)}]: {FirstLine(e.Message)}", e);
        }
        using (results)
        {
            int k = 0;
            foreach (var result in results)
            {
                var info = result.GetTensorTypeAndShape();
                if (info.ElementDataType != TensorElementType.Float)
                    throw LayerEntropyException.ForFile(path, $"output '{outputs[k]}' holds {info.ElementDataType} values, not FLOAT");
                take(k++, info.Shape, result.GetTensorDataAsSpan<float>());
            }
        }
    }

    /// <summary>
    /// Runs a batch as <see cref="Run"/> does, with ONNX Runtime writing each output in <paramref name="outputs"/>
    /// straight into its buffer in <paramref name="targets"/> (of the shape given, which the output must have): no
    /// output is allocated or copied.
    /// </summary>
    /// <exception cref="LayerEntropyException">ONNX Runtime fails on the batch, or an output's shape is not the one given.</exception>
    public void RunInto(string inputName, float[] input, long[] shape, IReadOnlyList<string> outputs, IReadOnlyList<(float[] Buffer, long[] Shape)> targets)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        var values = new OrtValue[targets.Count];
        try
        {
            for (int k = 0; k < values.Length; k++)
            {
                var (buffer, dims) = targets[k];
                long length = dims.Aggregate(1L, (a, d) => a * d);
                values[k] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, checked((int)length)), dims);
            }
            session.Run(run, [inputName], [value], outputs, values);
        }
        catch (OnnxRuntimeException e)
        {
            throw LayerEntropyException.ForFile(path, $"ONNX Runtime failed on inputs of shape [{string.Join(",", shape)}]: {FirstLine(e.Message)}", e);
        }
        finally
        {
            foreach (var v in values) v?.Dispose();
        }
    }

    public void Dispose()
    {
        session.Dispose();
        run.Dispose();
    }

    private static string FirstLine(string message)
    {
        string line = message.Split('\n')[0].Trim();
        // ONNX Runtime prefixes its messages with a bracketed status code.
        return line.StartsWith('[') && line.IndexOf("] ", StringComparison.Ordinal) is int end and > 0 ? line[(end + 2)..] : line;
    }
}
