using System.Net;
using System.Security.Cryptography;

namespace LayerEntropy.Data;

/// <summary>
/// Fetches one URL into a file the caller names (a temporary file, which the caller moves into place or deletes),
/// hashing while it writes, and fails when the size or checksum is not the published one.
/// </summary>
internal sealed class Downloader(TimeSpan timeout, IProgress<DownloadProgress>? progress)
{
    /// <summary>The transfer itself failed (no network, refused, HTTP error, stalled, disk full); the catalog says what was being looked for.</summary>
    public sealed class FailedException(Uri url, string reason, Exception? inner = null) : Exception(reason, inner)
    {
        public Uri Url { get; } = url;
    }

    private const int ReportEvery = 1 << 20;

    // One client for the process, as HttpClient is meant to be used; the timeout is enforced per read instead,
    // because HttpClient.Timeout would cap a slow but steady 170 MB download.
    private static readonly HttpClient Http = CreateClient();

    /// <param name="shownPath">The file named in a checksum error: where the download was meant to go.</param>
    public void Fetch(Uri url, string tempPath, string shownPath, long length, HashAlgorithmName algorithm, string? expectedHex) =>
        FetchAsync(url, tempPath, shownPath, length, algorithm, expectedHex).GetAwaiter().GetResult();

    private async Task FetchAsync(Uri url, string tempPath, string shownPath, long length, HashAlgorithmName algorithm, string? expectedHex)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var hash = IncrementalHash.CreateHash(algorithm);
        long received = 0;
        try
        {
            using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new FailedException(url, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            long? total = response.Content.Headers.ContentLength;
            await using var body = await response.Content.ReadAsStreamAsync(cts.Token).ConfigureAwait(false);
            await using var output = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            var buffer = new byte[1 << 16];
            long reported = 0;
            while (true)
            {
                cts.CancelAfter(timeout);
                int n = await body.ReadAsync(buffer, cts.Token).ConfigureAwait(false);
                if (n == 0) break;
                hash.AppendData(buffer, 0, n);
                await output.WriteAsync(buffer.AsMemory(0, n), cts.Token).ConfigureAwait(false);
                received += n;
                if (received - reported >= ReportEvery) progress?.Report(new(url, reported = received, total));
            }
            progress?.Report(new(url, received, total));
        }
        catch (OperationCanceledException e) when (cts.IsCancellationRequested)
        {
            throw new FailedException(url, $"no data for {timeout.TotalSeconds:0.#} s after {received} bytes", e);
        }
        catch (HttpRequestException e)
        {
            throw new FailedException(url, e.Message, e);
        }
        catch (IOException e)
        {
            throw new FailedException(url, e.Message, e);
        }

        // The checksum, where there is one, covers the size too; the size alone is the check otherwise.
        string actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (expectedHex is null && received != length)
            throw LayerEntropyException.ForFile(shownPath, $"downloaded {received} bytes from {url}, expected {length}; the download was deleted");
        if (expectedHex is not null && !string.Equals(actual, expectedHex, StringComparison.OrdinalIgnoreCase))
            throw LayerEntropyException.ForFile(shownPath, $"{Checksums.Label(algorithm)} of the download from {url} is {actual}, " +
                $"expected {expectedHex.ToLowerInvariant()} ({received} bytes, expected {length}); the download was deleted");
    }

    private static HttpClient CreateClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("LayerEntropy/" + typeof(Downloader).Assembly.GetName().Version?.ToString(3));
        return client;
    }
}
