using LayerEntropy.IO;
using LayerEntropy.Nn;
using LayerEntropy.Onnx;

namespace LayerEntropy.Tests.Onnx;

public class AtomicFileTests
{
    [Fact]
    public void A_write_that_fails_part_way_leaves_the_old_file_intact_and_no_temporary_file()
    {
        using var folder = new TempDir();
        string path = folder.File("model.onnx");
        OnnxModelFile.Save(OnnxTestModels.Build("mlp"), path);
        byte[] before = File.ReadAllBytes(path);

        var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new IOException("disk full");
        }));

        Assert.Equal("disk full", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.onnx"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_model_that_cannot_be_exported_leaves_the_old_file_intact()
    {
        using var folder = new TempDir();
        string path = folder.File("model.onnx");
        OnnxModelFile.Save(OnnxTestModels.Build("mlp"), path);
        byte[] before = File.ReadAllBytes(path);
        var nested = new Sequential([4], [new Sequential([4], [new ReLU()])]);

        Assert.Throws<ArgumentException>(() => OnnxModelFile.Save(nested, path));

        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Saving_into_a_missing_folder_names_the_file()
    {
        using var folder = new TempDir();
        string path = Path.Combine(folder.Path, "no-such-folder", "model.onnx");

        var e = Assert.Throws<LayerEntropyException>(() => OnnxModelFile.Save(OnnxTestModels.Build("mlp"), path));

        Assert.StartsWith($"{path}: cannot write the model", e.Message);
    }

    [Fact]
    public void A_staged_write_that_fails_on_a_later_file_replaces_none_of_them()
    {
        using var folder = new TempDir();
        File.WriteAllText(folder.File("a.txt"), "old a");
        File.WriteAllText(folder.File("b.txt"), "old b");

        Assert.Throws<IOException>(() => AtomicFile.WriteAll(
        [
            (folder.File("a.txt"), s => s.Write("new a"u8)),
            (folder.File("b.txt"), _ => throw new IOException("disk full")),
        ]));

        Assert.Equal("old a", File.ReadAllText(folder.File("a.txt")));
        Assert.Equal("old b", File.ReadAllText(folder.File("b.txt")));
        Assert.Equal(["a.txt", "b.txt"], folder.Files());
    }
}
