using LayerEntropy.Onnx;
using static LayerEntropy.Tests.Onnx.OnnxTestModels;

namespace LayerEntropy.Tests.Onnx;

public class OnnxRoundTripTests
{
    [Theory]
    [MemberData(nameof(Models))]
    public void Save_then_load_gives_the_same_layers_parameters_and_bitwise_outputs(string name)
    {
        using var folder = new TempDir();
        var model = Build(name);
        string path = folder.File("model.onnx");

        OnnxModelFile.Save(model, path);
        var loaded = OnnxModelFile.Load(path).Model;

        Assert.Equal(model.InputShape, loaded.InputShape);
        Assert.Equal(model.Layers.Select(Describe), loaded.Layers.Select(Describe));
        Assert.Equal(model.Parameters.Select(p => Bits(p.Value.Data)), loaded.Parameters.Select(p => Bits(p.Value.Data)));
        var x = RandomInput(model, batch: 7, seed: 42);
        Assert.Equal(Bits(Run(model, x).Data), Bits(Run(loaded, x).Data));
    }

    [Fact]
    public void Metadata_survives_the_round_trip()
    {
        using var folder = new TempDir();
        string path = folder.File("model.onnx");
        var metadata = new Dictionary<string, string>
        {
            ["spec"] = "mlp:64,32", ["dataset"] = "mnist", ["classes"] = "0,1,2,3,4,5,6,7,8,9", ["normalisation"] = "mean=0.1307;std=0.3081", ["note"] = "ünïcödé ✓",
        };

        OnnxModelFile.Save(Build("mlp"), path, metadata);

        Assert.Equal(metadata.OrderBy(e => e.Key), OnnxModelFile.Load(path).Metadata.OrderBy(e => e.Key));
    }

    [Fact]
    public void Saving_over_an_existing_file_replaces_it_and_leaves_no_temporary_file()
    {
        using var folder = new TempDir();
        string path = folder.File("model.onnx");
        OnnxModelFile.Save(Build("mlp"), path);

        OnnxModelFile.Save(Build("sigmoid"), path);

        Assert.Equal([1, 8, 8], OnnxModelFile.Load(path).Model.InputShape);
        Assert.Equal(["model.onnx"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    public static TheoryData<string> Models => Names;
}
