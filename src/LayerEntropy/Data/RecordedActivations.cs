
namespace LayerEntropy.Data;

/// <summary>
/// Activations recorded elsewhere and saved with NumPy: one .npy file per tap, in depth order, and one file of the
/// M labels. Every file must have M rows; a tap is named after its file unless names are given.
/// </summary>
internal sealed record RecordedActivations(IReadOnlyList<TapActivations> Taps, int[] Labels, string Source)
{
    /// <param name="tapNames">One name per file, or none for the file names without extension.</param>
    /// <param name="classCount">When class names are given, how many: every label must be below it.</param>
    public static RecordedActivations Load(IReadOnlyList<string> files, string labelsPath, IReadOnlyList<string>? tapNames = null,
        int? classCount = null, CancellationToken cancel = default)
    {
        if (files.Count == 0) throw new LayerEntropyException("give at least one .npy file of activations");
        string[] names = Names(files, tapNames);

        int[] labels = NpyReader.ReadLabels(labelsPath);
        if (classCount is null) NpyReader.CheckClassCount(labels, labelsPath);
        if (classCount is int classes && Array.FindIndex(labels, l => l >= classes) is int bad and >= 0)
            throw LayerEntropyException.ForFile(labelsPath, $"label {labels[bad]} at index {bad} has no class name: {classes} names were given");

        // Every header is checked before any data is read, so a mismatch in the last file costs no reading.
        foreach (string file in files)
        {
            int inputs = NpyReader.ActivationShape(file).Inputs;
            if (inputs != labels.Length)
                throw LayerEntropyException.ForFile(file, $"holds {inputs} inputs (rows) but {labelsPath} holds {labels.Length} labels");
        }
        var taps = new List<TapActivations>(files.Count);
        for (int i = 0; i < files.Count; i++)
        {
            cancel.ThrowIfCancellationRequested();
            taps.Add(NpyReader.ReadActivations(files[i], names[i]));
        }
        return new RecordedActivations(taps, labels, $"{string.Join(", ", files)} (labels: {labelsPath})");
    }

    private static readonly SettingName TapNames = new(nameof(RecordedActivations), "tapNames");

    private static string[] Names(IReadOnlyList<string> files, IReadOnlyList<string>? tapNames)
    {
        if (tapNames is { Count: > 0 } && tapNames.Count != files.Count)
            throw LayerEntropyException.ForSetting($"{TapNames} was given {tapNames.Count} times for {files.Count} activation files; give one name per file, or none to use the file names");
        string[] names = tapNames is { Count: > 0 } ? [.. tapNames] : files.Select(f => Path.GetFileNameWithoutExtension(f)).ToArray();
        int empty = Array.FindIndex(names, string.IsNullOrWhiteSpace);
        if (empty >= 0) throw new LayerEntropyException($"the tap of {files[empty]} has an empty name");
        var firstFile = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
            if (!firstFile.TryAdd(names[i], files[i]))
                throw LayerEntropyException.ForSetting($"two taps are named '{names[i]}' ({firstFile[names[i]]} and {files[i]}); name each with {TapNames}");
        return names;
    }
}
