using LayerEntropy.Analysis;
using LayerEntropy.Data;
using LayerEntropy.Nn;
using LayerEntropy.Reports;

namespace LayerEntropy.Tests.Analysis;

/// <summary>
/// Sample images larger than 64×64 are kept shrunk by area averaging, checked against the definition written out
/// another way: enlarge every pixel into a block (nearest neighbour) until both sizes divide, then average blocks.
/// </summary>
public class SampleImageTests
{
    [Theory]
    [InlineData(224, 224, 64, 64)]
    [InlineData(28, 28, 28, 28)]
    [InlineData(64, 64, 64, 64)]
    [InlineData(65, 64, 64, 63)]
    [InlineData(100, 80, 64, 51)]
    [InlineData(80, 100, 51, 64)]
    [InlineData(130, 65, 64, 32)]
    [InlineData(1000, 3, 64, 1)]
    [InlineData(1, 500, 1, 64)]
    public void Images_past_64_pixels_are_stored_to_fit_64_with_their_aspect(int height, int width, int toHeight, int toWidth) =>
        Assert.Equal((toHeight, toWidth), SampleImages.StoredSize(height, width));

    [Fact]
    public void A_224_pixel_image_is_the_mean_of_each_3_5_pixel_square()
    {
        // 224 / 64 = 3.5: doubled to 448 pixels, each output pixel is the mean of a 7×7 block of the doubled image.
        var random = new Random(3);
        var image = new byte[3 * 224 * 224];
        random.NextBytes(image);

        byte[] small = SampleImages.Downscale(image, 3, 224, 224, 64, 64);

        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 64; y++)
                for (int x = 0; x < 64; x++)
                {
                    int sum = 0;
                    for (int dy = 0; dy < 7; dy++)
                        for (int dx = 0; dx < 7; dx++)
                            sum += image[(c * 224 + (7 * y + dy) / 2) * 224 + (7 * x + dx) / 2];
                    Assert.Equal(RoundHalfUp(sum, 49), small[(c * 64 + y) * 64 + x]);
                }
    }

    [Theory]
    [InlineData(1, 130, 65)]
    [InlineData(2, 100, 80)]
    [InlineData(1, 67, 66)]
    public void Any_size_is_the_mean_of_the_area_each_pixel_covers(int channels, int height, int width)
    {
        var (toHeight, toWidth) = SampleImages.StoredSize(height, width);
        var random = new Random(height * width);
        var image = new byte[channels * height * width];
        random.NextBytes(image);

        byte[] small = SampleImages.Downscale(image, channels, height, width, toHeight, toWidth);

        // Each input pixel enlarged to toHeight × toWidth; each output pixel then covers a height × width block.
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < toHeight; y++)
                for (int x = 0; x < toWidth; x++)
                {
                    long sum = 0;
                    for (int uy = y * height; uy < (y + 1) * height; uy++)
                        for (int ux = x * width; ux < (x + 1) * width; ux++)
                            sum += image[(c * height + uy / toHeight) * width + ux / toWidth];
                    Assert.Equal(RoundHalfUp(sum, (long)height * width), small[(c * toHeight + y) * toWidth + x]);
                }
    }

    [Fact]
    public void An_analysis_of_large_images_keeps_them_shrunk_records_both_shapes_and_draws_them()
    {
        var data = Images(3, 100, 80, 12);
        var model = ModelSpec.Build("mlp:8", [3, 100, 80], 2, ActivationKind.ReLU, seed: 1);
        var request = new AnalysisRequest { Options = new AnalysisOptions { Bootstrap = 0, Bins = 0, Samples = 2 } };

        var result = Analyzer.Analyze(model, data, request);

        var samples = result.Samples!;
        Assert.Equal([3, 100, 80], samples.InputShape);
        Assert.Equal([3, 64, 51], samples.ImageShape);
        Assert.Equal(4, samples.Inputs.Count);
        foreach (var x in samples.Inputs)
            Assert.Equal(SampleImages.Downscale(data.Image((int)x.Id), 3, 100, 80, 64, 51).Select(b => (int)b), x.Image!);
        string json = AnalysisJson.Serialize(result);
        Assert.Contains("\"input_shape\": [3, 100, 80],\n    \"image_shape\": [3, 64, 51],\n    \"inputs\": [", json);
        var back = AnalysisJson.Deserialize(json, "analysis.json");
        DeepEqual.Assert(result, back);
        // The map draws each stored image whole: its pixels at the image cell, none refused for a wrong length.
        var figures = ReportFigures.ActivationMaps(back);
        Assert.Equal(2, figures.Count);
        Assert.All(figures, f => Assert.NotEmpty(f.Bytes()));
    }

    [Fact]
    public void The_activation_map_draws_a_shrunk_image_in_its_stored_shape_and_names_both_sizes()
    {
        // Inputs of 1×200×100 stored as 1×2×1: a black pixel over a white one, fitted to the 96-unit cell at (104, 62).
        var data = new ActivationMapData("t", [1, 200, 100], ["a"], [1], [new ActivationRow("x", [0, 255], [[1]])]) { ImageShape = [1, 2, 1] };
        var (w, h) = ActivationMapFigure.Size(data);
        var raster = new RasterCanvas(w, h, 1);
        var svg = new SvgCanvas(w, h);

        ActivationMapFigure.Draw(raster, data);
        ActivationMapFigure.Draw(svg, data);

        Assert.Equal(new Rgba(0, 0, 0), raster.Image[104 + 48, 62 + 24]);
        Assert.Equal(new Rgba(255, 255, 255), raster.Image[104 + 48, 62 + 72]);
        Assert.Contains("200×100, shown 2×1", svg.ToSvg());
    }

    [Fact]
    public void Images_that_fit_are_kept_as_they_are_with_no_second_shape()
    {
        var data = Images(1, 28, 28, 6);
        var model = ModelSpec.Build("mlp:8", [1, 28, 28], 2, ActivationKind.ReLU, seed: 1);

        var result = Analyzer.Analyze(model, data, new AnalysisRequest { Options = new AnalysisOptions { Bootstrap = 0, Bins = 0, Samples = 1 } });

        Assert.Null(result.Samples!.ImageShape);
        Assert.All(result.Samples.Inputs, x => Assert.Equal(data.Image((int)x.Id).ToArray().Select(b => (int)b), x.Image!));
        Assert.DoesNotContain("image_shape", AnalysisJson.Serialize(result));
    }

    [Fact]
    public void An_image_that_does_not_fill_its_stored_shape_is_refused()
    {
        var result = SampleResults.Small() with
        {
            Samples = new ActivationSamples([3, 100, 80], [new SampleInput(0, SampleResults.QuotedClass, [.. new int[3 * 100 * 80]], [[1f, 2f, 3f], [4f, 5f, 6f]])])
            { ImageShape = [3, 64, 51] },
        };

        var e = Assert.Throws<ArgumentException>(() => AnalysisJson.Serialize(result));

        Assert.Contains("samples.inputs[0].image has 24000 values, but the images are 3×64×51", e.Message);
    }

    private static int RoundHalfUp(long sum, long count) => (int)((2 * sum + count) / (2 * count));

    private static Dataset Images(int channels, int height, int width, int count)
    {
        var random = new Random(count);
        var pixels = new byte[count * channels * height * width];
        random.NextBytes(pixels);
        byte[] labels = [.. Enumerable.Range(0, count).Select(i => (byte)(i % 2))];
        return new Dataset("images", DatasetSplit.Test, channels, height, width, ["a", "b"], pixels, labels);
    }
}
