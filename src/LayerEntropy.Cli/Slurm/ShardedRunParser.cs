using System.CommandLine;
using System.CommandLine.Parsing;
using LayerEntropy.Cli.Commands;

namespace LayerEntropy.Cli.Slurm;

/// <summary>
/// Reads the command line of a run to shard with the command's own parser, so that a bad option fails here and
/// not on the cluster, and rebuilds it for a job script (<see cref="ShardedRun"/>).
/// </summary>
internal static class ShardedRunParser
{
    public static readonly string[] Commands = ["analyze", "sweep", "dynamics"];

    /// <summary>The command's own parser (and action, never invoked here).</summary>
    public static Command Create(string command) => command switch
    {
        "analyze" => AnalyzeCommand.Create(TextWriter.Null, TextWriter.Null),
        "sweep" => SweepCommand.Create(TextWriter.Null, TextWriter.Null),
        "dynamics" => DynamicsCommand.Create(TextWriter.Null, TextWriter.Null),
        _ => throw new LayerEntropyException($"slurm runs {string.Join(", ", Commands)} (got '{command}')"),
    };

    public static ShardedRun Parse(string command, IReadOnlyList<string> arguments)
    {
        if (arguments.FirstOrDefault(a => a == "--shard" || a.StartsWith("--shard=", StringComparison.Ordinal) || a.StartsWith("--shard:", StringComparison.Ordinal)) is not null)
            throw new LayerEntropyException($"slurm {command}: leave out --shard: the tasks script gives task K of the array --shard K/N");
        var parser = Create(command);
        var parse = parser.Parse(arguments);
        if (parse.Errors.Count > 0) throw new LayerEntropyException($"slurm {command}: {OneLine(parse.Errors[0])}");
        if (command == "analyze" && Given(parse, Find(parser, "--control")))
            throw new LayerEntropyException("slurm analyze: --control cannot be sharded: a control is built and analysed on every input in one process; run analyze --control on one node");

        var output = Find(parser, "--output");
        var outputResult = parse.GetResult(output);
        string? folder = parse.GetValue<string?>(output.Name);
        if (command == "analyze")
        {
            if (outputResult is null || outputResult.Implicit || string.IsNullOrEmpty(folder))
                throw new LayerEntropyException("slurm analyze needs -o DIR: the folder, shared by every node, that the tasks write their parts into");
            if (folder.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                throw new LayerEntropyException($"slurm analyze: -o {folder} names a file: give the folder of the parts");
        }
        folder = Path.GetFullPath(folder ?? throw new LayerEntropyException($"slurm {command}: -o names no folder"));

        // Paths the job must find from its own working folder.
        var paths = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        var checkedPaths = new List<(string Name, string Value)>();
        foreach (var option in parser.Options.Where(o => o.Name is "--data-dir" or "--data" or "--labels"))
            if (parse.GetResult(option) is { Implicit: false } r)
                foreach (var token in r.Tokens) { paths.Add(token); checkedPaths.Add((option.Name, token.Value)); }
        foreach (var argument in parser.Arguments.Where(a => a.Name == "model"))
            if (parse.GetResult(argument) is { } r)
                foreach (var token in r.Tokens) { paths.Add(token); checkedPaths.Add((argument.Name, token.Value)); }
        foreach (var (name, value) in checkedPaths)
            if (!File.Exists(value) && !Directory.Exists(value))
                throw LayerEntropyException.ForFile(value, $"no such file or folder (the {(name == "model" ? "model" : name)} of slurm {command})");

        var dropped = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        if (outputResult is { IdentifierToken: { } identifier }) dropped.Add(identifier);
        foreach (var token in outputResult?.Tokens ?? []) dropped.Add(token);

        var rebuilt = new List<string>();
        foreach (var token in parse.Tokens)
        {
            if (dropped.Contains(token)) continue;
            rebuilt.Add(paths.Contains(token) ? Path.GetFullPath(token.Value) : token.Value);
        }

        var summary = command == "analyze"
            ? parser.Options.Where(o => o.Name is "--no-report" or "--json" or "--quiet" or "--all-tables" && Given(parse, o)).Select(o => o.Name).ToArray()
            : [];
        return new ShardedRun(command, rebuilt, folder, summary, Given(parse, Find(parser, "--threads")));
    }

    /// <summary>The parser's message on one line, naming the option whose value it refuses.</summary>
    private static string OneLine(ParseError error)
    {
        string message = string.Join(" ", error.Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var option = error.SymbolResult switch
        {
            OptionResult o => o.Option,
            ArgumentResult { Parent: OptionResult o } => o.Option,
            _ => null,
        };
        return option is null || message.Contains(option.Name, StringComparison.Ordinal) ? message : $"{option.Name}: {message}";
    }

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    private static Option Find(Command command, string name) =>
        command.Options.FirstOrDefault(o => o.Name == name) ?? throw new InvalidOperationException($"{command.Name} has no {name}");
}
