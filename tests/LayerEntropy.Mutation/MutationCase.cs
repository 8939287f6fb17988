namespace LayerEntropy.Mutation;

/// <summary>
/// One mutated input: the file <see cref="Target"/> holds <see cref="Bytes"/> while the command <see cref="Args"/> runs
/// (its original bytes are put back afterwards); the command writes into <see cref="Output"/>, which holds an earlier
/// complete output, or into no folder when it writes nothing.
/// </summary>
internal sealed record MutationCase(string Target, byte[] Bytes, string What, string[] Args, string? Output);
