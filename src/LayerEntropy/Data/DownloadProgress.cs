namespace LayerEntropy.Data;

/// <summary>How far a download has come: bytes received so far and, when the server said, the total.</summary>
public readonly record struct DownloadProgress(Uri Url, long BytesReceived, long? TotalBytes);
