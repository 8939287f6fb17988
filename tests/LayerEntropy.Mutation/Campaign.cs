using System.Diagnostics;
using LayerEntropy.Cli;

namespace LayerEntropy.Mutation;

/// <summary>
/// Runs seeded mutation cases, format by format, each through the command line in this process, and checks each:
/// exit 0 or 2, no stack trace, a failure's message one line naming the mutated file, and the earlier output
/// left byte for byte (or, after a success, replaced by a complete new set). Each case is announced before it
/// runs, so that a case that kills the process (memory, stack) is named by the last line printed.
/// </summary>
internal sealed class Campaign(Workspace work, IReadOnlyList<IMutationFormat> formats, int seed, int casesPerFormat, TextWriter log)
{
    /// <summary>A case running longer than this ends the process, naming it.</summary>
    public static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(30);

    /// <summary>Cases running longer than this are listed in the summary.</summary>
    public static readonly TimeSpan SlowCase = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, OutputFolder> outputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> originals = new(StringComparer.Ordinal);

    /// <summary>The seed of case <paramref name="index"/> of <paramref name="format"/>: independent of the other cases, so any one replays alone.</summary>
    public static int CaseSeed(int seed, string format, int index)
    {
        ulong h = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
        foreach (char c in format) h = (h ^ c) * 0x100000001B3UL;
        h = (h ^ (ulong)index) * 0xBF58476D1CE4E5B9UL;
        return (int)(h ^ (h >> 31));
    }

    /// <summary>Runs every format's cases (or only case <paramref name="only"/> of one); returns the number of failed cases.</summary>
    public int Run((string Format, int Index)? only = null)
    {
        var summary = new List<string>();
        int failures = 0;
        var slow = new List<string>();
        foreach (var format in formats)
        {
            if (only is { } o && o.Format != format.Name) continue;
            foreach (var clean in format.Prepare(work))
            {
                var (code, _, error) = Execute(clean);
                if (code != 0) throw new InvalidOperationException($"{format.Name}: the clean run failed ({code}): {Command(clean)}\n{error}");
                if (clean.Output is string folder) outputs[folder] = new OutputFolder(folder);
            }
            var codes = new SortedDictionary<int, int>();
            var formatWatch = Stopwatch.StartNew();
            int first = only?.Index ?? 0, last = only?.Index ?? casesPerFormat - 1;
            for (int i = first; i <= last; i++)
            {
                int caseSeed = CaseSeed(seed, format.Name, i);
                var c = format.Draw(new Random(caseSeed));
                string name = $"{format.Name}#{i}";
                log.WriteLine($"case {name} (seed {seed}): {c.What}: {Command(c)}");
                log.Flush();
                var watch = Stopwatch.StartNew();
                var (code, output, error) = RunMutated(c, name);
                double ms = watch.Elapsed.TotalMilliseconds;
                if (ms > SlowCase.TotalMilliseconds) slow.Add($"{name} {ms:F0} ms");
                codes[code] = codes.GetValueOrDefault(code) + 1;
                string? problem = Check(c, code, error);
                if (c.Output is string folder) outputs[folder].Restore();
                if (problem is null) continue;
                failures++;
                log.WriteLine($"FAIL {name} (seed {seed}): {problem}");
                log.WriteLine($"  replay: dotnet LayerEntropy.Mutation.dll --seed {seed} --only {name} --work DIR");
                log.WriteLine($"  mutation: {c.What}");
                log.WriteLine($"  command: layerentropy {Command(c)}");
                log.WriteLine($"  exit {code}; stderr:");
                foreach (string line in error.Split('\n').Where(l => l.Length > 0).Take(15)) log.WriteLine("    " + line);
                if (code == 0 && output.Length > 0) log.WriteLine("  stdout: " + output.Split('\n')[0]);
                log.Flush();
            }
            summary.Add($"{format.Name} {last - first + 1} cases in {formatWatch.Elapsed.TotalSeconds:F1} s ({string.Join(", ", codes.Select(kv => $"exit {kv.Key}: {kv.Value}"))})");
        }
        log.WriteLine($"mutation summary (seed {seed}, heap limit {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes >> 20} MiB): {string.Join("; ", summary)}; {failures} failed; " +
            $"{slow.Count} cases over {SlowCase.TotalSeconds:F0} s{(slow.Count > 0 ? ": " + string.Join(", ", slow.Take(10)) : "")}");
        log.Flush();
        return failures;
    }

    private (int Code, string Output, string Error) RunMutated(MutationCase c, string name)
    {
        if (!originals.TryGetValue(c.Target, out byte[]? original))
            originals[c.Target] = original = File.ReadAllBytes(c.Target);
        Patch(c.Target, original, c.Bytes);
        using var watchdog = new Timer(_ =>
        {
            log.WriteLine($"TIMEOUT {name}: still running after {CaseLimit.TotalSeconds:F0} s");
            log.Flush();
            Environment.Exit(3);
        }, null, CaseLimit, Timeout.InfiniteTimeSpan);
        try
        {
            return Execute(c);
        }
        finally
        {
            Patch(c.Target, c.Bytes, original);
        }
    }

    private static (int Code, string Output, string Error) Execute(MutationCase c)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Run(c.Args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string? Check(MutationCase c, int code, string error)
    {
        if (error.Contains("   at ", StringComparison.Ordinal) || error.Contains("Unhandled exception", StringComparison.Ordinal))
            return "stack trace on stderr";
        if (code is not (0 or 2)) return $"exit code {code}, expected 0 or 2";
        if (code == 2)
        {
            string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (lines.Length != 1) return $"the error is {lines.Length} lines, expected one";
            if (!lines[0].Contains(Path.GetFileName(c.Target), StringComparison.Ordinal)) return $"the error does not name {Path.GetFileName(c.Target)}";
        }
        return c.Output is string folder ? outputs[folder].Check(replaced: code == 0) : null;
    }

    /// <summary>Turns the file holding <paramref name="from"/> into <paramref name="to"/>, writing only the bytes that differ when the length stays.</summary>
    private static void Patch(string path, byte[] from, byte[] to)
    {
        if (from.Length != to.Length)
        {
            File.WriteAllBytes(path, to);
            return;
        }
        var a = from.AsSpan();
        int start = a.CommonPrefixLength(to);
        if (start == to.Length) return;
        int end = to.Length;
        while (end > start && from[end - 1] == to[end - 1]) end--;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.Position = start;
        file.Write(to, start, end - start);
    }

    private static string Command(MutationCase c) => string.Join(' ', c.Args.Select(a => a.Contains(' ') ? $"'{a}'" : a));
}
