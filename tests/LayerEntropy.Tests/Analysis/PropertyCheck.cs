using FsCheck;
using Microsoft.FSharp.Core;

namespace LayerEntropy.Tests.Analysis;

/// <summary>
/// Runs an FsCheck property a fixed number of times from a fixed seed, so every run draws the same cases and a
/// failure reproduces; throws (failing the test) with the counter-example on the first case that fails.
/// </summary>
internal static class PropertyCheck
{
    public const int Cases = 300;
    public const ulong Seed = 20170424;

    public static void Run(Property property, int cases = Cases) =>
        property.Check(Config.QuickThrowOnFailure
            .WithMaxTest(cases)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed), FSharpOption<int>.None))));
}
