namespace LayerEntropy.Cli;

/// <summary>How much of an analysis a command prints: the finding alone, the finding with the pattern table, or every table.</summary>
internal enum OutputLevel
{
    /// <summary>Only the finding on stdout; nothing on stderr but errors.</summary>
    Quiet,

    /// <summary>The mean pattern entropy's table, the accuracy on the analysed inputs, the finding and the notes.</summary>
    Default,

    /// <summary>A table per measure statistic, then the accuracy, the finding and the notes.</summary>
    AllTables,
}
