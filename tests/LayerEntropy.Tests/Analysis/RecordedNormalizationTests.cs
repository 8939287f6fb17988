using Google.Protobuf;
using LayerEntropy.Onnx.Proto;
using LayerEntropy.Tests.Cli;
using LayerEntropy.Tests.Slurm;

namespace LayerEntropy.Tests.Analysis;

/// <summary>The pixel normalisation a model file records: a damaged record is bad input naming the model, a sound one is used.</summary>
public sealed class RecordedNormalizationTests(TinyMnistModel model) : IClassFixture<TinyMnistModel>
{
    [Theory]
    [InlineData("0.1307", null)]
    [InlineData("0.1307", "")]
    [InlineData("0.1307", "abc")]
    [InlineData("0.1307", "0")]
    [InlineData("0.1307", "-0.3")]
    [InlineData("0.1307", "0.3,0.3")]
    [InlineData("x", "0.3081")]
    [InlineData("1e999", "0.3081")]
    [InlineData("0.1307", "Infinity")]
    public void DamagedNormalizationIsOneLineNamingTheModel(string mean, string? std)
    {
        using var dir = new TempDir();
        string path = WithNormalization(dir, mean, std);
        var r = CliRunner.InProcess(["analyze", path, "--data-dir", TestData.Root, "--limit-per-class", "2", "--bootstrap", "0", "--no-report", "-q", "-o", dir.File("out")]);
        CliRunner.AssertOneLineError(r, path, "normalization");
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void SoundNormalizationIsUsed()
    {
        using var dir = new TempDir();
        string path = WithNormalization(dir, "0.1307", "0.3081");
        var plain = CliRunner.InProcess(["analyze", model.Path, "--data-dir", TestData.Root, "--limit-per-class", "2", "--bootstrap", "0", "--json", "-q"]);
        var normalized = CliRunner.InProcess(["analyze", path, "--data-dir", TestData.Root, "--limit-per-class", "2", "--bootstrap", "0", "--json", "-q"]);
        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(0, normalized.ExitCode);
        Assert.NotEqual(plain.Output, normalized.Output);
    }

    private string WithNormalization(TempDir dir, string mean, string? std)
    {
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(model.Path));
        var kept = proto.MetadataProps.Where(p => p.Key is not ("normalization_mean" or "normalization_std")).ToArray();
        proto.MetadataProps.Clear();
        proto.MetadataProps.Add(kept);
        proto.MetadataProps.Add(new StringStringEntryProto { Key = "normalization_mean", Value = mean });
        if (std is not null) proto.MetadataProps.Add(new StringStringEntryProto { Key = "normalization_std", Value = std });
        return dir.Write("model.onnx", proto.ToByteArray());
    }
}
