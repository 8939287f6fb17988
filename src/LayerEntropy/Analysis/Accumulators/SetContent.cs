namespace LayerEntropy.Analysis;

/// <summary>
/// What the measures read for one tap and one input set S of M inputs: the additive accumulator contents.
/// Firing[i] = |{x ∈ S : a_i(x) &gt; τ}|; Codewords summarises the n_k of the distinct binary patterns;
/// MagnitudeSum = Σ H(x) in bits over the MagnitudeInputs inputs with some activation mass, ZeroInputs the rest;
/// Binned those of the distinct binned vectors (null when binned is left out).
/// </summary>
internal sealed record SetContent(
    long Count,
    long[] Firing,
    CountSummary Codewords,
    double MagnitudeSum,
    long MagnitudeInputs,
    long ZeroInputs,
    CountSummary? Binned)
{
    public int Units => Firing.Length;
}
