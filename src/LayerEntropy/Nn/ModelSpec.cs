using System.Globalization;

namespace LayerEntropy.Nn;

/// <summary>
/// Builds a model from a short text spec:
/// <list type="bullet">
/// <item><c>mlp:512,256,128</c>: flatten, then one fully connected layer per hidden width, then the classifier.</item>
/// <item><c>lenet</c>: conv6@5×5 pad 2, pool, conv16@5×5, pool, fc120, fc84, classifier (LeCun et al. 1998, ReLU).</item>
/// <item><c>cnn:c32,p,c64,p|fc256,fc128</c>: conv and pool blocks, then an FC head (may be empty after '|').
///   <c>cN</c> is N channels 3×3, stride 1, same padding; suffixes <c>kK</c> (kernel), <c>sS</c> (stride) and <c>pP</c>
///   (padding, default K/2) change that, e.g. <c>c16k5p0</c>. <c>p</c> is 2×2 max pooling, <c>pK</c> K×K. <c>dR</c> (either part) is dropout with probability R, e.g. <c>d0.5</c>.</item>
/// </list>
/// Hidden FC layers are named fc1, fc2, … with activations fc1_act, …; convolutions conv1, …; the classifier is "logits".
/// </summary>
public static class ModelSpec
{
    public const string Help = "mlp:W1,W2,... | lenet | cnn:BLOCKS|HEAD (e.g. cnn:c32,p,c64,p|fc256,fc128)";

    public static Sequential Build(string spec, int[] inputShape, int classes, ActivationKind activation = ActivationKind.ReLU,
        InitScheme? init = null, int seed = 0)
    {
        var layers = new List<Layer>();
        var shape = inputShape;
        string s = spec.Trim().ToLowerInvariant();
        string conv, head;
        if (s == "lenet") (conv, head) = ("c6k5p2,p,c16k5p0,p", "fc120,fc84");
        else if (s.StartsWith("mlp:", StringComparison.Ordinal)) (conv, head) = ("", string.Join(",", s[4..].Split(',', StringSplitOptions.TrimEntries).Select(w => "fc" + w)));
        else if (s == "mlp") (conv, head) = ("", "");
        else if (s.StartsWith("cnn:", StringComparison.Ordinal))
        {
            var parts = s[4..].Split('|');
            if (parts.Length != 2) throw Bad(spec, "a cnn spec needs exactly one '|' between the conv blocks and the FC head");
            (conv, head) = (parts[0], parts[1]);
        }
        else throw Bad(spec, "unknown model kind");

        int convCount = 0, fcCount = 0, dropCount = 0;
        void Add(Layer layer) { layers.Add(layer); shape = layer.OutputShape(shape); }
        Layer Act(string name) { var a = MakeActivation(activation); a.Name = name; return a; }

        foreach (var token in Tokens(conv))
        {
            if (token[0] == 'c')
            {
                if (shape.Length != 3) throw Bad(spec, $"'{token}' needs an image input (C×H×W)");
                var (channels, kernel, stride, padding) = ParseConv(spec, token);
                Add(new Conv2d(shape[0], channels, kernel, stride, padding) { Name = $"conv{++convCount}" });
                Add(Act($"conv{convCount}_act"));
            }
            else if (token[0] == 'p') Add(new MaxPool2d(token.Length == 1 ? 2 : Int(spec, token[1..])) { Name = $"pool{convCount}" });
            else if (token[0] == 'd') Add(new Dropout(Prob(spec, token)) { Name = $"drop{++dropCount}" });
            else throw Bad(spec, $"unknown block '{token}'");
        }
        if (shape.Length != 1) Add(new Flatten { Name = "flatten" });
        foreach (var token in Tokens(head))
        {
            if (token.StartsWith("fc", StringComparison.Ordinal))
            {
                Add(new Linear(shape[0], Int(spec, token[2..])) { Name = $"fc{++fcCount}" });
                Add(Act($"fc{fcCount}_act"));
            }
            else if (token[0] == 'd') Add(new Dropout(Prob(spec, token)) { Name = $"drop{++dropCount}" });
            else throw Bad(spec, $"unknown head layer '{token}' (expected fcN or dR)");
        }
        Add(new Linear(shape[0], classes) { Name = "logits" });

        var model = new Sequential(inputShape, layers);
        Init.Apply(model, init ?? InitScheme.Uniform, seed);
        return model;
    }

    public static Activation MakeActivation(ActivationKind kind) => kind switch
    {
        ActivationKind.ReLU => new ReLU(),
        ActivationKind.LeakyReLU => new LeakyReLU(),
        ActivationKind.Sigmoid => new Sigmoid(),
        ActivationKind.Tanh => new Tanh(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static IEnumerable<string> Tokens(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static (int Channels, int Kernel, int Stride, int Padding) ParseConv(string spec, string token)
    {
        var m = System.Text.RegularExpressions.Regex.Match(token, @"^c(\d+)(?:k(\d+))?(?:s(\d+))?(?:p(\d+))?$");
        if (!m.Success) throw Bad(spec, $"'{token}' is not a conv block (cN with optional kK, sS, pP)");
        int kernel = m.Groups[2].Success ? Int(spec, m.Groups[2].Value) : 3;
        return (Int(spec, m.Groups[1].Value), kernel, m.Groups[3].Success ? Int(spec, m.Groups[3].Value) : 1,
            m.Groups[4].Success ? int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) : kernel / 2);
    }

    private static int Int(string spec, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : throw Bad(spec, $"'{text}' is not a positive whole number");

    private static float Prob(string spec, string token) =>
        float.TryParse(token[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out float p) && p >= 0 && p < 1
            ? p : throw Bad(spec, $"'{token}' needs a dropout probability in [0, 1), e.g. d0.5");

    private static LayerEntropyException Bad(string spec, string problem) =>
        new($"model spec '{spec}': {problem}; expected {Help}");
}
