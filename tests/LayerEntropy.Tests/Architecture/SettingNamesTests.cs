using System.CommandLine;
using System.Reflection;
using System.Text.RegularExpressions;
using LayerEntropy.Cli;
using LayerEntropy.Tests.Cli;
using LayerEntropy.Training;

namespace LayerEntropy.Tests.Architecture;

/// <summary>
/// The library's errors name settings as the library knows them (TrainingOptions.Epochs), never by a command line's
/// flags; the command line words every such message with its own flags.
/// </summary>
public partial class SettingNamesTests
{
    [GeneratedRegex(@"\bthrow\b|Exception\(|ForFile\(|ForSetting\(")]
    private static partial Regex ErrorStart();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z-]*")]
    private static partial Regex Flag();

    [GeneratedRegex(@"SettingName\.Of<(\w+)>\(nameof\((?:\w+\.)*(\w+)\)\)")]
    private static partial Regex TypedName();

    [GeneratedRegex(@"new SettingName\(""(\w+)"", ""(\w+)""\)|SettingName \w+ = new\(nameof\((\w+)\), ""(\w+)""\)")]
    private static partial Regex SpelledName();

    [GeneratedRegex(@"SettingName Of\(string property\) => SettingName\.Of<(\w+)>\(property\)")]
    private static partial Regex OfHelper();

    [GeneratedRegex(@"(?<![\w.])Of\(nameof\((?:\w+\.)*(\w+)\)\)")]
    private static partial Regex HelperName();

    /// <summary>Every flag (--word) in the text of an error a statement of <paramref name="text"/> throws or builds: "LINE --flag".</summary>
    internal static IEnumerable<string> FlagsInErrors(string text)
    {
        var ends = new HashSet<int>();
        foreach (Match start in ErrorStart().Matches(text))
        {
            int end = StatementEnd(text, start.Index);
            if (!ends.Add(end)) continue;
            foreach (Match flag in Flag().Matches(text[start.Index..end]))
                yield return $"line {text[..start.Index].Count(c => c == '\n') + 1}: {flag.Value}";
        }
    }

    /// <summary>The position of the ';' that ends the statement at <paramref name="from"/>, past any in string and char literals.</summary>
    private static int StatementEnd(string text, int from)
    {
        for (int i = from; i < text.Length; i++)
        {
            char c = text[i];
            if (c == ';') return i;
            if (c == '\'') i = text.IndexOf('\'', text[i + 1] == '\\' ? i + 3 : i + 2) is int close and >= 0 ? close : text.Length;
            else if (c == '"')
            {
                bool verbatim = text[i - 1] == '@' || (text[i - 1] == '$' && text[i - 2] == '@');
                for (i++; i < text.Length; i++)
                {
                    if (text[i] == '\\' && !verbatim) i++;
                    else if (text[i] == '"' && verbatim && i + 1 < text.Length && text[i + 1] == '"') i++;
                    else if (text[i] == '"') break;
                }
            }
        }
        return text.Length;
    }

    private static IEnumerable<(string Path, string Text)> LibraryFiles()
    {
        string library = Path.Combine(ArchitectureTests.RepositoryRoot, "src", "LayerEntropy");
        return ArchitectureTests.SourceFiles("LayerEntropy").Select(f => (Path.GetRelativePath(library, f), File.ReadAllText(f)));
    }

    /// <summary>Every setting the library's source names in an error, as (owner, property).</summary>
    private static IEnumerable<(string File, SettingName Name)> NamedSettings()
    {
        foreach (var (path, text) in LibraryFiles())
        {
            foreach (Match m in TypedName().Matches(text)) yield return (path, new SettingName(m.Groups[1].Value, m.Groups[2].Value));
            foreach (Match m in SpelledName().Matches(text))
                yield return (path, m.Groups[1].Success ? new SettingName(m.Groups[1].Value, m.Groups[2].Value) : new SettingName(m.Groups[3].Value, m.Groups[4].Value));
            if (OfHelper().Match(text) is { Success: true } helper)
                foreach (Match m in HelperName().Matches(text)) yield return (path, new SettingName(helper.Groups[1].Value, m.Groups[1].Value));
        }
    }

    [Fact]
    public void NoErrorOfTheLibraryNamesAFlag()
    {
        var offenders = LibraryFiles().SelectMany(f => FlagsInErrors(f.Text).Select(x => $"{f.Path} {x}")).ToArray();
        Assert.True(offenders.Length == 0, "name the setting (SettingName) instead: " + string.Join("; ", offenders));
    }

    [Fact]
    public void TheScanFindsAFlagInAnErrorAcrossLinesAndPastSemicolonsInTheText()
    {
        const string text = "int x = a--;\nvar s = \"--note\";\nthrow new LayerEntropyException(\n    $\"{path}: one; two ({'x'}) then --epochs\");\n";
        Assert.Equal(["line 3: --epochs"], FlagsInErrors(text));
    }

    [Fact]
    public void EverySettingAnErrorNamesIsARealSettingWithAFlag()
    {
        var named = NamedSettings().ToArray();
        Assert.True(named.Length >= 40, $"the scan found only {named.Length} named settings");
        var missing = named.Where(n => !SettingFlags.All.ContainsKey(n.Name)).Select(n => $"{n.File}: {n.Name}").Distinct().ToArray();
        Assert.True(missing.Length == 0, "no flag for: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryEntryOfTheFlagTableIsASettingOfTheLibraryAndAnOptionOfTheCommandLine()
    {
        var types = typeof(SettingName).Assembly.GetTypes();
        var options = CliApp.Build(TextWriter.Null, TextWriter.Null).Subcommands.SelectMany(c => c.Options)
            .SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet();
        foreach (var (setting, flag) in SettingFlags.All)
        {
            var owner = types.Where(t => t.Name == setting.Owner).ToArray();
            Assert.True(owner.Length == 1, $"{setting}: no one type {setting.Owner} in the library");
            bool exists = owner[0].GetProperty(setting.Property, BindingFlags.Public | BindingFlags.Instance) is not null
                || owner[0].GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
                    .Any(m => m.GetParameters().Any(p => p.Name == setting.Property));
            Assert.True(exists, $"{setting}: {setting.Owner} has no property or parameter {setting.Property}");
            Assert.True(options.Contains(flag), $"{setting}: no command has {flag}");
        }
    }

    [Fact]
    public void TheLibraryNamesTheSettingAndTheCommandLineItsFlag()
    {
        var e = Assert.Throws<LayerEntropyException>(() => new TrainingOptions { Epochs = 0 }.Validate());
        Assert.Equal("TrainingOptions.Epochs must be at least 1 (got 0)", e.Message);
        Assert.Equal([SettingName.Of<TrainingOptions>(nameof(TrainingOptions.Epochs))], e.Settings);
        Assert.Equal("--epochs must be at least 1 (got 0)", SettingFlags.Describe(e));

        var file = LayerEntropyException.ForFile("a.onnx", "file not found");
        Assert.Empty(file.Settings);
        Assert.Equal(file.Message, SettingFlags.Describe(file));

        using var dir = new TempDir();
        var r = CliRunner.InProcess("train", "--epochs", "0", "-o", dir.File("m.onnx"));
        Assert.Equal(CliApp.BadInput, r.ExitCode);
        Assert.Equal("error: --epochs must be at least 1 (got 0)", r.Error.Trim());
        Assert.Empty(dir.Files());
    }

    [Fact]
    public void AQuotedLineBreakStaysEscapedWhenTheMessageIsWordedWithFlags()
    {
        var e = LayerEntropyException.ForSetting($"{SettingName.Of<TrainingOptions>(nameof(TrainingOptions.Dataset))} '{"a\nb"}' is no dataset");
        Assert.Equal(@"TrainingOptions.Dataset 'a\nb' is no dataset", e.Message);
        Assert.Equal(@"--dataset 'a\nb' is no dataset", SettingFlags.Describe(e));
    }
}
