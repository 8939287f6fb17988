using System.CommandLine;
using LayerEntropy.Nn;
using LayerEntropy.Onnx;

namespace LayerEntropy.Cli.Commands;

/// <summary>`layerentropy inspect model.onnx`: layers, shapes, parameter counts and the outputs that can be tapped.</summary>
internal static class InspectCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var path = new Argument<string>("model") { Description = "An ONNX model file" };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var command = new Command("inspect", "Show a model's layers, shapes, parameter counts and tappable outputs") { path, json };
        command.SetAction(parse => Execute(parse.GetValue(path)!, parse.GetValue(json), output));
        return command;
    }

    public static int Execute(string path, bool json, TextWriter output)
    {
        var file = OnnxModelFile.Load(path);
        var model = file.Model;
        var shapes = model.LayerOutputShapes();
        var rows = model.Layers.Select((l, i) => new
        {
            l.Name, l.Kind, OutputShape = shapes[i], Parameters = l.Parameters.Sum(p => (long)p.Value.Length),
            Units = shapes[i].Aggregate(1L, (a, b) => a * b),
        }).ToArray();
        if (json)
        {
            output.WriteLine(JsonOutput.Serialize(new
            {
                File = path, model.InputShape, Parameters = model.ParameterCount, Layers = rows,
                Tappable = rows.Select(r => r.Name), DefaultTaps = model.DefaultTaps(), Metadata = file.Metadata,
            }));
            return 0;
        }
        output.WriteLine($"{path}: input [batch, {string.Join(", ", model.InputShape)}], {model.ParameterCount:N0} parameters");
        foreach (var (k, v) in file.Metadata.Where(kv => kv.Value.Length > 0)) output.WriteLine($"  {k}: {v}");
        output.WriteLine();
        output.WriteLine($"  {"layer (tap name)",-18} {"kind",-10} {"output",-16} {"units",8} {"parameters",12}");
        foreach (var r in rows)
            output.WriteLine($"  {r.Name,-18} {r.Kind,-10} {"[" + string.Join("x", r.OutputShape) + "]",-16} {r.Units,8:N0} {r.Parameters,12:N0}");
        output.WriteLine();
        output.WriteLine($"Every layer's output can be tapped by its name. Default taps (hidden FC layers after activation): {string.Join(", ", model.DefaultTaps())}");
        return 0;
    }
}
