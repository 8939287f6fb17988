using System.Globalization;
using Xunit.Abstractions;

namespace LayerEntropy.Tests.Reports;

/// <summary>
/// The headless-browser check that HTML reports go through: a self-contained page opens without errors and shows
/// something, and each kind of problem a report could have (a console error, an exception, a file it cannot load)
/// is caught, so a clean result means something. Every screenshot is kept under artifacts/screenshots.
/// </summary>
public class BrowserHarnessTests(ITestOutputHelper output)
{
    /// <summary>A 12×8 PNG checkerboard of orange and colour ramps.</summary>
    private const string TinyPng =
        "iVBORw0KGgoAAAANSUhEUgAAAAwAAAAICAIAAABChommAAAA+0lEQVR42gXBoWsCcQAF4Of+B6s8g8XFYVnxokuGWYULg2E8mwi2Y21DTKLhgQgWkaXNYBDBMiyCGFZ+" +
        "rhgsr4jx9n2wmMfVYhUniy3sLA6wtLjC1OIZfYCZxTIvFhs8WuxxY3HGhcU9RxZhMR9dLVajk8VWtLM4iJYWV9HU4jnqA3FmsRxfLDbio8VevLE4ixcW9/HIYs5i" +
        "KRx+eV8P609WO2H+xudJGDb5ugvpA7u3kOSgzCg+4meLygu+xnh6x6SN5jc+akj+0C0gvTOKJR62qNS5HuOpw3kbzQmHNSQ7pgWkNyZAyCyWw8ViIxwt9sLG4iwsLO7D" +
        "yOI/xVWN54BkFKEAAAAASUVORK5CYII=";

    private const string ReportLike = $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Layer entropy report</title>
        <style>
          body { font-family: "DejaVu Sans", sans-serif; margin: 2em; color: #222; }
          table { border-collapse: collapse; } td, th { border: 1px solid #888; padding: 4px 10px; }
          img { width: 192px; image-rendering: pixelated; }
        </style></head>
        <body>
          <h1>Layer entropy report</h1>
          <h2>Per-layer summary</h2>
          <table>
            <tr><th>layer</th><th>units</th><th>entropy (bits)</th></tr>
            <tr><td>fc1_act</td><td>32</td><td>9.81</td></tr>
            <tr><td>fc2_act</td><td>16</td><td>7.42</td></tr>
          </table>
          <h2>Entropy by depth</h2>
          <svg xmlns="http://www.w3.org/2000/svg" width="480" height="240" viewBox="0 0 480 240">
            <rect x="0" y="0" width="480" height="240" fill="#f4f4f8"/>
            <path d="M40 200 L160 80 L280 120 L400 40" stroke="#1f77b4" stroke-width="3" fill="none"/>
            <circle cx="160" cy="80" r="6" fill="#d62728"/><circle cx="280" cy="120" r="6" fill="#d62728"/>
            <text x="40" y="225" font-size="14">depth</text>
          </svg>
          <h2>Patterns</h2>
          <img alt="patterns" src="data:image/png;base64,{{TinyPng}}">
          <div style="height: 1200px"></div>
          <h2>End of report</h2>
        </body></html>
        """;

    private const string Blank = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body style="background:#fff"></body></html>
        """;

    private static string WithBody(string body) =>
        $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>control</title></head><body><h1>control</h1>{body}</body></html>";

    /// <summary>Opens the page from a folder whose name needs escaping in a URL, as a user's folder might.</summary>
    private async Task<(PageCheck Page, PixelStats Pixels)> Open(string name, string html, BrowserOptions? options = null)
    {
        using var dir = new TempDir();
        string file = dir.Write(Path.Combine("my reports #1 (é)", name + ".html"), System.Text.Encoding.UTF8.GetBytes(html));
        var page = await HeadlessBrowser.OpenAsync(file, options);
        HeadlessBrowser.SaveScreenshot(page, name, output);
        foreach (var e in page.Errors) output.WriteLine("error: " + e);
        foreach (var w in page.Warnings) output.WriteLine("warning: " + w);
        var pixels = ScreenshotPixels.Measure(page.Png);
        output.WriteLine($"pixels: {pixels}");
        return (page, pixels);
    }

    [Fact]
    public async Task SelfContainedReportOpensWithoutErrorsAndShowsSomething()
    {
        var (page, pixels) = await Open("browser-report-like", ReportLike);
        Assert.Empty(page.Errors);
        Assert.False(pixels.LooksBlank, $"the screenshot looks blank: {pixels}");
        // The whole page, taller than the viewport, down to the last heading.
        var (width, height, rgba) = ScreenshotPixels.Decode(page.Png);
        Assert.Equal(1280, width);
        Assert.InRange(height, 2000, 3000);
        int dark = 0;
        for (int i = (height - 150) * width * 4; i < rgba.Length; i += 4)
            if (rgba[i] < 128 && rgba[i + 1] < 128 && rgba[i + 2] < 128) dark++;
        Assert.True(dark > 100, $"the bottom of the page is missing from the screenshot ({dark} dark pixels)");
    }

    [Fact]
    public async Task BlankPageLooksBlank()
    {
        var (page, pixels) = await Open("browser-blank", Blank);
        Assert.Empty(page.Errors);
        Assert.True(pixels.LooksBlank, $"a white page should look blank: {pixels}");
        Assert.True(pixels.LuminanceVariance < PixelStats.BlankVariance);
    }

    [Fact]
    public async Task ConsoleErrorIsReported()
    {
        var (page, _) = await Open("browser-console-error",
            WithBody("<script>console.warn('careful'); console.error('boom', 42);</script>"));
        Assert.Contains(page.Errors, e => e.Contains("console.error: boom 42", StringComparison.Ordinal));
        Assert.Contains(page.Warnings, w => w.Contains("careful", StringComparison.Ordinal));
        Assert.DoesNotContain(page.Errors, e => e.Contains("careful", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UncaughtExceptionIsReported()
    {
        var (page, _) = await Open("browser-exception", WithBody("<script>throw new Error('kaboom');</script>"));
        Assert.Contains(page.Errors, e => e.StartsWith("exception:", StringComparison.Ordinal) && e.Contains("kaboom", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingImageIsReported()
    {
        var (page, _) = await Open("browser-missing-image", WithBody("<img src=\"missing.png\" alt=\"not there\">"));
        Assert.Contains(page.Errors, e => e.StartsWith("log (network):", StringComparison.Ordinal) && e.Contains("missing.png", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScreenshotDecoderAgreesWithPil()
    {
        var (page, pixels) = await Open("browser-viewport", ReportLike, new BrowserOptions(FullPage: false));
        Assert.Equal((1280, 900), (pixels.Width, pixels.Height));
        string path = HeadlessBrowser.SaveScreenshot(page, "browser-viewport");
        var words = DebianPython.Run("Reports/screenshot_stats.py", [path], "apt-get install python3-pil python3-numpy (.ci/run does)")
            .Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        double Word(int i) => double.Parse(words[i], CultureInfo.InvariantCulture);
        Assert.Equal((1280, 900), ((int)Word(0), (int)Word(1)));
        Assert.Equal(Word(2), pixels.MeanLuminance, 1e-6);
        Assert.Equal(Word(3), pixels.LuminanceVariance, 1e-6);
        Assert.Equal(Word(4), pixels.NonBackgroundFraction, 1e-9);
    }

    [Fact]
    public async Task PageThatNeverLoadsTimesOutAndLeavesNothingRunning()
    {
        using var dir = new TempDir();
        string file = dir.Write("hangs.html", System.Text.Encoding.UTF8.GetBytes(WithBody("<script>for (;;) {}</script>")));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<TimeoutException>(() =>
            HeadlessBrowser.OpenAsync(file, new BrowserOptions(Timeout: TimeSpan.FromSeconds(3))));
        output.WriteLine($"{failure.Message} ({clock.Elapsed.TotalSeconds:0.0} s)");
        Assert.Contains("hangs.html", failure.Message);
        Assert.InRange(clock.Elapsed.TotalSeconds, 2.5, 20);
    }

    [Fact]
    public async Task MissingChromiumFailsWithWhatToInstall()
    {
        using var dir = new TempDir();
        string file = dir.Write("page.html", System.Text.Encoding.UTF8.GetBytes(Blank));
        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            HeadlessBrowser.OpenAsync(file, new BrowserOptions(Chromium: dir.File("no-chromium-here"))));
        Assert.Contains(HeadlessBrowser.Install, failure.Message);
    }
}
