namespace LayerEntropy;

/// <summary>
/// Hands each progress report to an action on the reporting thread, at once. <see cref="Progress{T}"/> posts to a
/// synchronisation context instead, so its reports can arrive late, out of order or after the work has ended.
/// </summary>
internal sealed class ProgressRelay<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
