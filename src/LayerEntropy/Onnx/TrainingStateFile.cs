using Google.Protobuf;
using LayerEntropy.IO;
using LayerEntropy.Nn;

namespace LayerEntropy.Onnx;

/// <summary>
/// Optimiser state for resuming training, kept beside the model: <c>run/model.onnx</c> has its state in
/// <c>run/model.state</c> (see <see cref="PathFor"/>). The file holds the optimizer's kind, settings and step count,
/// the caller's own entries, and every state buffer bit for bit, so a resumed run continues exactly.
/// The layout is described on <see cref="TrainingStateCodec"/>.
/// </summary>
public static class TrainingStateFile
{
    /// <summary>The state file that belongs to <paramref name="modelPath"/>: the same name with the extension ".state".</summary>
    public static string PathFor(string modelPath) => Path.ChangeExtension(modelPath, ".state");

    /// <summary>
    /// Writes <paramref name="optimizer"/>'s state and <paramref name="info"/> (e.g. epochs done, seed, spec, dataset,
    /// batch size) to <paramref name="path"/>, replacing any earlier file atomically.
    /// </summary>
    /// <exception cref="LayerEntropyException">The file cannot be written.</exception>
    public static void Save(string path, Optimizer optimizer, IReadOnlyDictionary<string, string> info)
    {
        var header = new TrainingStateHeader(optimizer.Kind, optimizer.Settings, optimizer.Steps, info);
        AtomicFile.Write(path, stream => TrainingStateCodec.Write(stream, header, optimizer.State), "the training state");
    }

    /// <summary>The entry of a state file that holds the SHA-256 of the model file saved with it.</summary>
    public const string ModelChecksumKey = "model_sha256";

    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="modelPath"/> and its optimiser state beside it as one pair:
    /// both are written in full before either replaces an earlier file, and the state records the model file's
    /// SHA-256 (<see cref="ModelChecksumKey"/>), so a pair left mixed by a run stopped between the two renames is
    /// found by <see cref="CheckPair"/>. Temporary files that an earlier killed run left for either are removed first.
    /// </summary>
    /// <exception cref="LayerEntropyException">A file cannot be written.</exception>
    public static void SavePair(string modelPath, Sequential model, IReadOnlyDictionary<string, string> metadata, Optimizer optimizer,
        IReadOnlyDictionary<string, string> info)
    {
        string statePath = PathFor(modelPath);
        AtomicFile.RemoveLeftovers(modelPath);
        AtomicFile.RemoveLeftovers(statePath);
        byte[] bytes = OnnxWriter.Build(model, metadata).ToByteArray();
        var header = new TrainingStateHeader(optimizer.Kind, optimizer.Settings, optimizer.Steps,
            new Dictionary<string, string>(info) { [ModelChecksumKey] = Checksum(bytes) });
        FileFailure.Guard(modelPath, "write the model and its training state", () => AtomicFile.WriteAll([(modelPath, s => s.Write(bytes)), (statePath, s => TrainingStateCodec.Write(s, header, optimizer.State))]));
    }

    /// <summary>
    /// Refuses a state file that records another model file than the one at <paramref name="modelPath"/> (a state
    /// without the checksum, from an older version, is taken as it is).
    /// </summary>
    /// <exception cref="LayerEntropyException">The pair does not belong together.</exception>
    public static void CheckPair(string modelPath, TrainingStateHeader header)
    {
        if (!header.Info.TryGetValue(ModelChecksumKey, out var recorded)) return;
        if (Checksum(File.ReadAllBytes(modelPath)) != recorded)
            throw LayerEntropyException.ForSetting($"{PathFor(modelPath)}: was saved with another {Path.GetFileName(modelPath)} (its SHA-256 differs): the pair was broken, by a run stopped between writing the two or by a copy; train again without {new SettingName("TrainSettings", "Resume")}, or put back the model saved with this state");
    }

    private static string Checksum(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    /// <summary>Reads only the header: enough to build the optimizer a run was using before calling <see cref="Load"/>.</summary>
    /// <exception cref="LayerEntropyException">The file is missing or is not a valid training state file.</exception>
    public static TrainingStateHeader ReadHeader(string path) => TrainingStateCodec.Read(ReadAll(path), path, headerOnly: true).Header;

    /// <summary>
    /// Restores <paramref name="optimizer"/>'s state buffers and <see cref="Optimizer.Steps"/> from <paramref name="path"/>
    /// and returns the caller's entries saved with them. The optimizer's settings are left as they are. Nothing is
    /// changed unless the whole file is valid and matches the optimizer (same kind, same number and lengths of buffers).
    /// </summary>
    /// <exception cref="LayerEntropyException">The file is missing, damaged, or was saved for another optimizer or model.</exception>
    public static IReadOnlyDictionary<string, string> Load(string path, Optimizer optimizer)
    {
        var (header, arrays) = TrainingStateCodec.Read(ReadAll(path), path);
        if (header.OptimizerKind != optimizer.Kind)
            throw LayerEntropyException.ForFile(path, $"holds '{header.OptimizerKind}' optimizer state, but the optimizer is '{optimizer.Kind}'");
        var state = optimizer.State;
        if (arrays.Length != state.Count)
            throw LayerEntropyException.ForFile(path, $"holds {arrays.Length} state arrays, but the optimizer has {state.Count} (was it saved for another model?)");
        for (int i = 0; i < arrays.Length; i++)
            if (arrays[i].Length != state[i].Length)
                throw LayerEntropyException.ForFile(path, $"state array {i} has {arrays[i].Length} values, but the optimizer's has {state[i].Length} (was it saved for another model?)");
        if (header.Steps < 0) throw LayerEntropyException.ForFile(path, $"step count {header.Steps} is negative");
        for (int i = 0; i < arrays.Length; i++) arrays[i].CopyTo(state[i], 0);
        optimizer.Steps = header.Steps;
        return header.Info;
    }

    private static byte[] ReadAll(string path)
    {
        if (!File.Exists(path)) throw LayerEntropyException.ForFile(path, "training state file not found");
        return FileFailure.Guard(path, "read the training state", () => File.ReadAllBytes(path));
    }
}
