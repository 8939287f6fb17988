using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LayerEntropy.Tests.Data;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 and a free port: GET of a known path answers its bytes, anything else 404.
/// With <see cref="Silent"/> it accepts connections and never answers, to exercise timeouts.
/// </summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, byte[]> files = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private int requests;

    public LocalHttpServer(bool silent = false)
    {
        Silent = silent;
        listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    public bool Silent { get; }
    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
    public int Requests => Volatile.Read(ref requests);

    public void Serve(string name, byte[] bytes)
    {
        lock (files) files[name] = bytes;
    }

    /// <summary>A port on 127.0.0.1 that nothing listens on (so connections are refused).</summary>
    public static Uri ClosedPortUrl()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new($"http://127.0.0.1:{port}/");
    }

    private async Task AcceptLoop()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => Handle(client));
        }
    }

    private async Task Handle(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                string head = await ReadHead(stream);
                Interlocked.Increment(ref requests);
                if (Silent)
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                    return;
                }
                string path = head.Split(' ')[1].TrimStart('/');
                byte[]? body;
                lock (files) files.TryGetValue(path, out body);
                string status = body is null ? "404 Not Found" : "200 OK";
                body ??= Encoding.ASCII.GetBytes("not found");
                byte[] header = Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 {status}\r\nContent-Length: {body.Length}\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(header, stop.Token);
                await stream.WriteAsync(body, stop.Token);
            }
            catch (Exception) { }
        }
    }

    private static async Task<string> ReadHead(NetworkStream stream)
    {
        var text = new StringBuilder();
        var buffer = new byte[1];
        while (!text.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer) == 1)
            text.Append((char)buffer[0]);
        return text.ToString();
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
    }
}
