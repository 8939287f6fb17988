using Google.Protobuf;
using LayerEntropy.Onnx.Proto;

namespace LayerEntropy.Mutation;

/// <summary>
/// The trained MLP's ONNX file, read by inspect and by analyze. Mutations damage the protobuf bytes, or edit the
/// decoded model and write it back: input and initializer dims, data types and lengths, external data, unknown
/// or wrong operators, dangling names, attributes, opset and IR versions, metadata.
/// </summary>
internal sealed class OnnxFormat : IMutationFormat
{
    private static readonly long[] Dims = [0, -1, 1, 2, 783, 785, 1 << 20, 1L << 31, 1L << 40, long.MaxValue, long.MinValue];
    private static readonly string[] Ops = ["Foo", "Conv", "Softmax", "Gemm", "Relu", "MatMul", "LSTM", "Loop", "Identity", "Flatten", "Reshape", "Add", ""];

    private string path = "", output = "";
    private byte[] clean = [];
    private string[] inspect = [], analyze = [];

    public string Name => "onnx";

    public IReadOnlyList<MutationCase> Prepare(Workspace work)
    {
        path = Path.Combine(work.Folder("onnx"), "model.onnx");
        clean = File.ReadAllBytes(work.Model);
        File.WriteAllBytes(path, clean);
        output = Path.Combine(work.Root, "out/onnx");
        inspect = ["inspect", path];
        analyze = ["analyze", path, "--dataset", "mnist", "--data-dir", work.CleanData, "-o", output, .. Workspace.SmallAnalysis];
        return [new(path, clean, "clean", inspect, null), new(path, clean, "clean", analyze, output)];
    }

    public MutationCase Draw(Random random)
    {
        var (bytes, what) = random.Next(2) == 0 ? ByteMutator.Mutate(clean, random, 256) : Edit(random);
        bool inspecting = random.Next(2) == 0;
        return new(path, bytes, what, inspecting ? inspect : analyze, inspecting ? null : output);
    }

    private (byte[], string) Edit(Random random)
    {
        var model = ModelProto.Parser.ParseFrom(clean);
        var g = model.Graph;
        string what;
        switch (random.Next(12))
        {
            case 0:
            {
                var dims = g.Input[0].Type.TensorType.Shape.Dim;
                int i = random.Next(dims.Count + 1);
                long v = Dims[random.Next(Dims.Length)];
                if (i == dims.Count) dims.Add(new TensorShapeProto.Types.Dimension { DimValue = v });
                else if (random.Next(4) == 0) dims[i].DimParam = "n";
                else dims[i].DimValue = v;
                what = $"input dim {i} edited ({v})";
                break;
            }
            case 1:
            {
                var t = g.Initializer[random.Next(g.Initializer.Count)];
                int i = random.Next(t.Dims.Count + 1);
                long v = Dims[random.Next(Dims.Length)];
                if (i == t.Dims.Count) t.Dims.Add(v);
                else if (random.Next(4) == 0) t.Dims.RemoveAt(i);
                else t.Dims[i] = v;
                what = $"initializer {t.Name} dims now [{string.Join(",", t.Dims)}]";
                break;
            }
            case 2:
            {
                var t = g.Initializer[random.Next(g.Initializer.Count)];
                t.DataType = random.Next(7) switch { 0 => 0, 1 => 7, 2 => 10, 3 => 11, 4 => 8, 5 => 99, _ => 2 };
                what = $"initializer {t.Name} data type {t.DataType}";
                break;
            }
            case 3:
            {
                var t = g.Initializer[random.Next(g.Initializer.Count)];
                if (t.RawData.Length > 0)
                {
                    int n = random.Next(t.RawData.Length + 8);
                    t.RawData = ByteString.CopyFrom(n <= t.RawData.Length ? t.RawData.Span[..n] : [.. t.RawData.Span, .. new byte[n - t.RawData.Length]]);
                    what = $"initializer {t.Name} raw data {n} bytes";
                }
                else
                {
                    int n = random.Next(t.FloatData.Count + 8);
                    while (t.FloatData.Count > n) t.FloatData.RemoveAt(t.FloatData.Count - 1);
                    while (t.FloatData.Count < n) t.FloatData.Add(float.NaN);
                    what = $"initializer {t.Name} float data {n} values";
                }
                break;
            }
            case 4:
            {
                var t = g.Initializer[random.Next(g.Initializer.Count)];
                t.DataLocation = TensorProto.Types.DataLocation.External;
                t.RawData = ByteString.Empty;
                t.FloatData.Clear();
                string location = random.Next(3) switch { 0 => "/dev/zero", 1 => "missing.bin", _ => "../../../../../../etc/hostname" };
                t.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
                if (random.Next(2) == 0) t.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = "99999999999" });
                what = $"initializer {t.Name} external at {location}";
                break;
            }
            case 5:
            {
                var n = g.Node[random.Next(g.Node.Count)];
                string op = Ops[random.Next(Ops.Length)];
                what = $"node {n.Name} op {n.OpType} -> '{op}'";
                n.OpType = op;
                break;
            }
            case 6:
            {
                var n = g.Node[random.Next(g.Node.Count)];
                if (n.Input.Count > 0 && random.Next(2) == 0) n.Input[random.Next(n.Input.Count)] = random.Next(2) == 0 ? "missing" : g.Node[^1].Output[0];
                else n.Output[0] = random.Next(2) == 0 ? "" : g.Input[0].Name;
                what = $"node {n.Name} names rewired";
                break;
            }
            case 7:
            {
                int i = random.Next(g.Node.Count);
                if (random.Next(2) == 0) g.Node.RemoveAt(i);
                else g.Node.Insert(random.Next(g.Node.Count), g.Node[i].Clone());
                what = $"node {i} removed or duplicated";
                break;
            }
            case 8:
            {
                var n = g.Node[random.Next(g.Node.Count)];
                var a = new AttributeProto { Name = random.Next(2) == 0 ? "transB" : "axis", Type = AttributeProto.Types.AttributeType.Int, I = Dims[random.Next(Dims.Length)] };
                if (n.Attribute.Count > 0 && random.Next(2) == 0) n.Attribute[0] = a;
                else n.Attribute.Add(a);
                what = $"node {n.Name} attribute {a.Name}={a.I}";
                break;
            }
            case 9:
            {
                model.IrVersion = Dims[random.Next(Dims.Length)];
                if (model.OpsetImport.Count > 0) model.OpsetImport[0].Version = Dims[random.Next(Dims.Length)];
                what = $"ir version {model.IrVersion}, opset {model.OpsetImport.FirstOrDefault()?.Version}";
                break;
            }
            case 10:
            {
                if (model.MetadataProps.Count > 0 && random.Next(2) == 0)
                {
                    var p = model.MetadataProps[random.Next(model.MetadataProps.Count)];
                    p.Value = random.Next(3) switch { 0 => "", 1 => "{\"x\":", _ => new string('9', 400) };
                    what = $"metadata {p.Key} edited";
                }
                else
                {
                    model.MetadataProps.Clear();
                    what = "metadata removed";
                }
                break;
            }
            default:
            {
                if (random.Next(2) == 0) g.Output.Clear();
                else g.Input.Clear();
                what = "graph inputs or outputs removed";
                break;
            }
        }
        return (model.ToByteArray(), what);
    }
}
