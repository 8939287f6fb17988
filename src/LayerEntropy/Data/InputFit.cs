using System.Globalization;
using LayerEntropy.Tensors;

namespace LayerEntropy.Data;

/// <summary>
/// How a batch of C×H×W inputs (after preprocessing) becomes what a model takes: as it is, reshaped without moving a
/// value (flattened to C·H·W values, or a size-1 axis dropped: 28 rows of 28 for a sequence model), or with its
/// channels moved last (H×W×C). The model's free dims (a file may leave any axis but the batch open) are settled
/// by the data.
/// </summary>
public sealed class InputFit
{
    private readonly int[] dataShape;
    private readonly bool channelsLast;
    private Tensor? moved;

    private InputFit(int[] dataShape, int[] shape, bool channelsLast, string? note)
    {
        this.dataShape = dataShape;
        Shape = shape;
        this.channelsLast = channelsLast;
        Note = note;
    }

    /// <summary>One input's shape as the model takes it.</summary>
    public int[] Shape { get; }

    /// <summary>What was done, for the run manifest; null when the inputs are fed as they are.</summary>
    public string? Note { get; }

    /// <summary>Feeds C×H×W inputs as they are.</summary>
    public static InputFit None(int channels, int height, int width) => new([channels, height, width], [channels, height, width], false, null);

    /// <summary>
    /// The fit of <paramref name="channels"/>×<paramref name="height"/>×<paramref name="width"/> inputs to a model that
    /// takes <paramref name="wanted"/> (one input's dims, null where the model leaves a dim free).
    /// </summary>
    /// <param name="model">The model file, named by the error.</param>
    /// <param name="wantedText">How the model's input reads in messages, e.g. "[N, 3, 224, 224]".</param>
    /// <param name="shapeFrom">Where the data's shape comes from (the first image of a folder, say), for the error.</param>
    /// <exception cref="LayerEntropyException">No flatten, reshape or transpose fits them.</exception>
    public static InputFit Resolve(int channels, int height, int width, IReadOnlyList<int?> wanted, string model, string wantedText, string? shapeFrom = null)
    {
        int[] data = [channels, height, width];
        int values = channels * height * width;
        string dataText = $"{channels}×{height}×{width}";
        if (Matches(wanted, data)) return new(data, data, false, null);
        int[] squeezed = [.. data.Where(d => d != 1)];
        if (squeezed.Length == 0) squeezed = [1];
        foreach (int[] candidate in new[] { [values], squeezed })
        {
            if (Matches(wanted, candidate))
                return new(data, candidate, false, candidate.Length == 1
                    ? $"the model takes flat inputs of {values} values: each {dataText} input is flattened (channel, row, column order)"
                    : $"the model takes inputs of [{Join(candidate)}]: each {dataText} input is reshaped to it (no value moves)");
        }
        int[] last = [height, width, channels];
        if (Matches(wanted, last))
            return new(data, last, channels > 1, $"the model takes channels-last inputs [{Join(last)}]: each {dataText} input is transposed to H×W×C");
        // The same numbers in order with size-1 axes put in: [1, 784] takes them flattened, [1, 28, 28, 1] as they are.
        int[] core = [.. wanted.Where(d => d != 1).Select(d => d ?? 0)];
        if (wanted.All(d => d is not null) && wanted.Aggregate(1L, (a, d) => a * d!.Value) == values && (core.Length <= 1 || core.SequenceEqual(squeezed)))
        {
            int[] shape = [.. wanted.Select(d => d!.Value)];
            return new(data, shape, false, $"the model takes inputs of [{Join(shape)}]: each {dataText} input is reshaped to it (no value moves)");
        }
        bool free = wanted.Any(d => d is null);
        bool gray = channels == 1 && (wanted.Count == 3 && (wanted[0] == 3 || wanted[2] == 3));
        string each = shapeFrom is null ? $"{values} values each" : $"{values} values each, {shapeFrom}";
        string problem = free
            ? $"the model takes inputs of {wantedText} and the data ({dataText}, {each}) cannot settle its free dims by a flatten, a reshape or a transpose"
            : $"the model takes inputs of {wantedText} but the data are {dataText} ({each}); they cannot be fitted by a flatten, a reshape or a transpose";
        throw gray
            ? LayerEntropyException.ForSetting($"{model}: {problem}; for gray images into a model that takes 3 channels, add {new SettingName("AnalyzeSettings", "Channels")} 3")
            : LayerEntropyException.ForFile(model, problem);
    }

    /// <summary>
    /// A batch of [count, C, H, W] inputs as the model takes them: the same tensor reshaped, or (channels last) a
    /// transposed copy in a buffer reused from batch to batch.
    /// </summary>
    public Tensor Apply(Tensor batch)
    {
        int count = batch.Shape[0];
        if (!channelsLast) return batch.Reshape([count, .. Shape]);
        var target = Tensor.Ensure(ref moved, [count, .. Shape]);
        Permutation.Apply<float>(batch.Data, dataShape, [1, 2, 0], target.Data);
        return target;
    }

    private static bool Matches(IReadOnlyList<int?> wanted, int[] shape) =>
        wanted.Count == shape.Length && wanted.Select((d, k) => d is null || d == shape[k]).All(ok => ok);

    private static string Join(int[] shape) => string.Join(",", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
}
