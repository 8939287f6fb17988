using System.Globalization;
using LayerEntropy.Mutation;

// layerentropy's mutation campaign: LayerEntropy.Mutation --work DIR [--seed N] [--cases N] [--formats a,b] [--only FORMAT#INDEX]
// The real MNIST files are found through LAYERENTROPY_DATA. Exit 0 when every case passed, 1 when some failed.
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 0; i + 1 < args.Length; i += 2) options[args[i]] = args[i + 1];
string? dataRoot = Environment.GetEnvironmentVariable("LAYERENTROPY_DATA");
if (string.IsNullOrEmpty(dataRoot) || !options.TryGetValue("--work", out string? root))
{
    Console.Error.WriteLine("usage: LayerEntropy.Mutation --work DIR [--seed N] [--cases N] [--formats a,b] [--only FORMAT#INDEX], with LAYERENTROPY_DATA set");
    return 2;
}
int seed = int.Parse(options.GetValueOrDefault("--seed", "1"), CultureInfo.InvariantCulture);
int cases = int.Parse(options.GetValueOrDefault("--cases", "200"), CultureInfo.InvariantCulture);
(string, int)? only = options.TryGetValue("--only", out string? o)
    ? (o.Split('#')[0], int.Parse(o.Split('#')[1], CultureInfo.InvariantCulture))
    : null;
var chosen = options.TryGetValue("--formats", out string? names)
    ? MutationFormats.Named(names.Split(','))
    : only is { } one ? MutationFormats.Named([one.Item1]) : MutationFormats.Default;

var work = new Workspace(root, dataRoot);
work.Prepare();
int failed = new Campaign(work, chosen, seed, cases, Console.Out).Run(only);
return failed == 0 ? 0 : 1;
