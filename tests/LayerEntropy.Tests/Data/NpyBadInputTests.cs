using LayerEntropy.Data;

namespace LayerEntropy.Tests.Data;

/// <summary>Every bad .npy file is one line that starts with the file's path and says what is wrong.</summary>
public class NpyBadInputTests(NumpyFiles numpy) : IClassFixture<NumpyFiles>
{
    private const string Float32Header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }\n";

    private static string Fails(Action read, string path, string problem)
    {
        var e = Assert.Throws<LayerEntropyException>(read);
        Assert.StartsWith(path + ": ", e.Message);
        Assert.True(e.Message.Contains(problem, StringComparison.Ordinal), $"expected \"{problem}\" in:\n{e.Message}");
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    private static void ActivationsFail(string path, string problem) => Fails(() => NpyReader.ReadActivations(path, "t"), path, problem);

    private static void LabelsFail(string path, string problem) => Fails(() => NpyReader.ReadLabels(path), path, problem);

    [Fact]
    public void HeaderClaimingMoreDataThanTheFileHolds()
    {
        string path = numpy.Damaged("f4_v1", b => b[..^8]);
        string message = Fails(() => NpyReader.ReadActivations(path, "t"), path, "header says shape (6, 5) of '<f4' (float32) = 120 data bytes, but the file holds 112 bytes after the header");
        Assert.Equal(message, Assert.Throws<LayerEntropyException>(() => NpyReader.ActivationShape(path)).Message);
    }

    [Fact]
    public void HeaderClaimingLessDataThanTheFileHolds()
    {
        ActivationsFail(numpy.Damaged("f4_v2", b => [.. b, 0, 0, 0, 0]), "= 120 data bytes, but the file holds 124 bytes after the header");
        LabelsFail(numpy.Damaged("labels_i8", b => [.. b, 1]), "header says shape (4,) of '<i8' (int64) = 32 data bytes, but the file holds 33 bytes");
    }

    [Fact]
    public void AbsurdShapesAreCheckedAgainstTheFileBeforeAnythingIsAllocated()
    {
        ActivationsFail(numpy.Handmade("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000, 1000000000)}", new byte[24]),
            "= 4000000000000000000 data bytes, but the file holds 24 bytes");
        ActivationsFail(numpy.Handmade("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4)}", new byte[8]),
            "= 147573952589676412928 data bytes");
        ActivationsFail(numpy.Handmade("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999, 4)}", []),
            "unparsable header: the number 99999999999999999999 is too large");
        ActivationsFail(numpy.Handmade("{'descr': '<f4', 'fortran_order': False, 'shape': (-2, 3)}", new byte[24]),
            "the header's shape (-2, 3) has a negative dimension");
    }

    [Theory]
    [InlineData(0, "the file is empty")]
    [InlineData(3, "truncated header: the file has 3 bytes")]
    [InlineData(9, "truncated header: the file has 9 bytes, too few for the header length of format 1.0")]
    [InlineData(40, "truncated header: the header should be 118 bytes but the file ends 30 bytes after its length field")]
    public void TruncatedHeader(int keep, string problem) => ActivationsFail(numpy.Damaged("f4_v1", b => b[..keep]), problem);

    [Fact]
    public void BadMagic()
    {
        ActivationsFail(numpy.Damaged("f4_v1", b => [(byte)'X', .. b[1..]]), "not a .npy file: it does not start with the magic bytes \\x93NUMPY (found 58 4E 55 4D 50 59)");
        string archive = Path.ChangeExtension(numpy.Npy("bad_archive"), ".npz");
        ActivationsFail(archive, "this is a zip archive (an .npz?), not a .npy file");
    }

    [Fact]
    public void UnsupportedVersion() =>
        ActivationsFail(numpy.Damaged("f4_v1", b => [.. b[..6], 4, .. b[7..]]), "unsupported .npy format version 4.0 (versions 1.0, 2.0 and 3.0 are read)");

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3 }", "unparsable header: expected ',' or ')' at character 57 in {'descr'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)", "unparsable header: the text ends before the dict is closed at character 57")]
    [InlineData("{'descr': '<f4', 'fortran_order': false, 'shape': (2, 3)}", "unparsable header: unexpected name 'false'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2.0, 3)}", "only whole numbers are expected here")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, ", "unparsable header: the text ends where a value should start")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3", "unparsable header: the text ends before ')'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)} 7", "unparsable header: unexpected text after the value")]
    [InlineData("['<f4', False, (2, 3)]", "the header is not a dict")]
    [InlineData("{'descr': '<f4', 'shape': (2, 3)}", "the header has no 'fortran_order'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'extra': 1}", "the header has an unexpected key 'extra'")]
    [InlineData("{'descr': '<f4', 'fortran_order': 0, 'shape': (2, 3)}", "the header's 'fortran_order' is not True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': 6}", "the header's 'shape' is not a tuple of integers")]
    [InlineData("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)}", "the key 'descr' appears twice")]
    public void UnparsableHeader(string header, string problem) => ActivationsFail(numpy.Handmade(header, new byte[24]), problem);

    [Theory]
    [InlineData("bad_big_endian", "big-endian dtype '>f4' is not supported; save it little-endian, e.g. np.save(path, a.astype('<f4'))")]
    [InlineData("bad_complex", "unsupported dtype '<c8' (complex)")]
    [InlineData("bad_object", "unsupported dtype '|O' (Python objects)")]
    [InlineData("bad_structured", "structured dtype (a list of named fields) is not supported")]
    [InlineData("bad_bool", "unsupported dtype '|b1' (bool)")]
    [InlineData("bad_int_activations", "activations must be float32 or float64, but the dtype is '<i4' (int32)")]
    [InlineData("bad_vector_activations", "activations must be an M×N array (one row per input), not shape (5,); save a single unit as a.reshape(-1, 1)")]
    [InlineData("bad_inf", "has NaN or infinite activations for 1 input (the first: value inf at input 1, unit 0)")]
    [InlineData("bad_f8_overflow", "has NaN or infinite activations for 1 input (the first: value inf at input 1, unit 1 as float32)")]
    public void BadActivations(string name, string problem) => ActivationsFail(numpy.Npy(name), problem);

    [Theory]
    [InlineData("bad_float_labels", "labels must be integers, but the dtype is '<f4' (float32)")]
    [InlineData("bad_negative_label", "label -1 at index 2 is out of range 0-65535")]
    [InlineData("bad_large_label", "label 65536 at index 1 is out of range 0-65535")]
    [InlineData("bad_matrix_labels", "labels must have shape (M,) or (M, 1), not (3, 2)")]
    [InlineData("bad_big_endian", "big-endian dtype '>f4'")]
    public void BadLabels(string name, string problem) => LabelsFail(numpy.Npy(name), problem);

    [Fact]
    public void LargestUint64IsOutOfRangeNotNegative() =>
        LabelsFail(numpy.Handmade("{'descr': '<u8', 'fortran_order': False, 'shape': (1,)}", [.. Enumerable.Repeat((byte)0xff, 8)]),
            "label 18446744073709551615 at index 0 is out of range");

    private string Labels(params ushort[] values) =>
        numpy.Handmade($"{{'descr': '<u2', 'fortran_order': False, 'shape': ({values.Length},)}}", [.. values.SelectMany(BitConverter.GetBytes)]);

    private static void ClassesFail(string path, string problem) =>
        Fails(() => NpyReader.CheckClassCount(NpyReader.ReadLabels(path), path), path, problem);

    private static int[] Classes(string path)
    {
        int[] labels = NpyReader.ReadLabels(path);
        NpyReader.CheckClassCount(labels, path);
        return labels;
    }

    [Fact]
    public void AHugeClassCountIsRefusedBeforeAnyAnalysis() =>
        ClassesFail(Labels(0, 65535, 1), "the largest label is 65535, which makes 65536 classes, past the 4096 supported; number the classes 0..K−1");

    [Fact]
    public void SparseLabelsPastTwoHundredFiftySixClassesAreRefused()
    {
        ClassesFail(Labels(0, 300, 300, 7), "the labels span 301 classes (0..300) but only 3 of them occur");
        // Every class present, or few classes however sparse, is fine.
        Assert.Equal(300, Classes(Labels([.. Enumerable.Range(0, 300).Select(i => (ushort)i)])).Length);
        Assert.Equal([0, 200], Classes(Labels(0, 200)));
    }

    [Fact]
    public void EmptyActivationsAreRejected()
    {
        ActivationsFail(numpy.Handmade("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 3)}", []), "shape (0, 3) holds no inputs");
        ActivationsFail(numpy.Handmade("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 0)}", []), "shape (4, 0) holds no units");
    }

    [Fact]
    public void DeeplyNestedHeaderIsRefusedWithoutExhaustingTheStack()
    {
        // 40,000 nested tuples (80 KB, format 2.0): a recursive parser without a bound overflows the stack.
        string nested = new string('(', 40_000) + new string(')', 40_000);
        ActivationsFail(numpy.Handmade("{'descr': '<f4', 'fortran_order': False, 'shape': " + nested + "}", [], major: 2),
            "unparsable header: the header nests dicts, tuples or lists too deeply (more than 32 levels)");
        // As deep as allowed still parses (and is then refused for what it says, not for its depth).
        string allowed = new string('(', 31) + "2, 3" + new string(')', 31);
        ActivationsFail(numpy.Handmade("{'descr': '<f4', 'fortran_order': False, 'shape': " + allowed + "}", new byte[24]),
            "the header's 'shape' is not a tuple of integers");
    }

    [Fact]
    public void MissingFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.npy");
        ActivationsFail(path, "file not found");
    }

    [Fact]
    public void Float32HeaderIsFineWithTheRightData() =>
        Assert.Equal(6, NpyReader.ReadActivations(numpy.Handmade(Float32Header, new byte[24]), "t").Values.Length);
}
