namespace LayerEntropy.Tests;

/// <summary>Finds the real datasets through LAYERENTROPY_DATA (set by .ci/run); a test that needs them fails without it.</summary>
internal static class TestData
{
    public static string Root
    {
        get
        {
            string? dir = Environment.GetEnvironmentVariable("LAYERENTROPY_DATA");
            if (string.IsNullOrEmpty(dir) || !Directory.Exists(Path.Combine(dir, "mnist")))
                throw new InvalidOperationException("set LAYERENTROPY_DATA to the folder that holds mnist/ and fashion-mnist/ (e.g. ../shared/data)");
            return dir;
        }
    }

    /// <summary>A fresh empty folder under the system temp folder.</summary>
    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "layerentropy-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
