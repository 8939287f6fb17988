using System.Text.Json.Nodes;

namespace LayerEntropy.Tests.Slurm;

/// <summary>analysis.json as text to compare: all of it but the manifest's date, which says when it was written.</summary>
internal static class AnalysisFiles
{
    public static string WithoutDate(string analysisJson)
    {
        var root = JsonNode.Parse(File.ReadAllText(analysisJson))!.AsObject();
        var manifest = root["manifest"]!.AsObject();
        Assert.True(manifest.Remove("date"), $"{analysisJson} has no manifest.date");
        return root.ToJsonString();
    }
}
