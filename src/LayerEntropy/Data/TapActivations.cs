namespace LayerEntropy.Data;

/// <summary>Activations recorded elsewhere for one tap: an M×N row-major array (one row per input).</summary>
public sealed record TapActivations(string Name, int Inputs, int Units, float[] Values);
