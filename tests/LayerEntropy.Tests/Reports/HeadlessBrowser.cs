using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace LayerEntropy.Tests.Reports;

/// <summary>What a page did when Debian's chromium opened it: its errors, its warnings and a PNG screenshot.</summary>
/// <param name="Errors">console.error and console.assert calls, uncaught exceptions, and browser log errors such as
/// a resource that failed to load; each as one line naming where it came from.</param>
/// <param name="Warnings">console.warn calls and browser log warnings.</param>
/// <param name="Png">The screenshot (the whole page, or the viewport when the options say so).</param>
/// <param name="Elapsed">From starting the browser to having the screenshot.</param>
internal sealed record PageCheck(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, byte[] Png, TimeSpan Elapsed);

/// <summary>How <see cref="HeadlessBrowser"/> opens a page.</summary>
/// <param name="Width">Viewport width in CSS pixels (one device pixel each).</param>
/// <param name="Height">Viewport height; the least height of a full-page screenshot.</param>
/// <param name="FullPage">Capture the whole page rather than the viewport, up to <paramref name="MaxHeight"/>.</param>
/// <param name="MaxHeight">Tallest full-page screenshot, in pixels.</param>
/// <param name="Timeout">For everything, from starting the browser to having the screenshot; 60 s when not given.</param>
/// <param name="Chromium">The browser to run; <see cref="HeadlessBrowser.Executable"/> when not given.</param>
internal sealed record BrowserOptions(int Width = 1280, int Height = 900, bool FullPage = true, int MaxHeight = 16_000,
    TimeSpan? Timeout = null, string? Chromium = null)
{
    public static readonly BrowserOptions Default = new();
    public TimeSpan Limit => Timeout ?? TimeSpan.FromSeconds(60);
}

/// <summary>
/// Opens a local HTML file in Debian's headless chromium and reports what a reader's browser would complain about,
/// talking the Chrome DevTools Protocol over a WebSocket. Each call starts its own browser with a fresh profile and
/// no network use of its own, and kills it (with every process it started) and deletes the profile afterwards, also
/// when something fails. A missing chromium fails the test with what to install: this check never passes by skipping.
/// </summary>
internal static class HeadlessBrowser
{
    public const string DefaultPath = "/usr/bin/chromium";
    public const string PathVariable = "LAYERENTROPY_CHROMIUM";
    public const string Install = "chromium not found: .ci/run installs it (apt-get install chromium)";

    /// <summary>The chromium to run: <c>$LAYERENTROPY_CHROMIUM</c> when set, else Debian's.</summary>
    public static string Executable => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } p ? p : DefaultPath;

    /// <summary>Opens <paramref name="htmlFile"/> (a path) and waits for its load event, fonts and two frames.</summary>
    public static async Task<PageCheck> OpenAsync(string htmlFile, BrowserOptions? options = null, CancellationToken cancel = default)
    {
        string path = Path.GetFullPath(htmlFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"no page to open at {path}", path);
        options ??= BrowserOptions.Default;
        string executable = options.Chromium ?? Executable;
        if (!File.Exists(executable)) Assert.Fail($"{Install} (looked for {executable})");

        var clock = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(options.Limit);
        // Short, because chromium's singleton socket goes under it and a socket path has at most 107 bytes.
        string profile = Path.Combine(Path.GetTempPath(), "lechromium-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(profile);
        var stderr = new StderrTail();
        Process? browser = null;
        string stage = "starting " + executable;
        try
        {
            browser = Start(executable, profile, stderr);
            stage = "waiting for DevToolsActivePort";
            Uri endpoint = await DevToolsEndpoint(browser, profile, limit.Token);
            stage = "connecting to " + endpoint;
            await using var cdp = await DevTools.ConnectAsync(endpoint, limit.Token);
            var page = new PageEvents();
            cdp.Event += page.On;

            stage = "opening a page";
            string target = (await cdp.Send("Target.createTarget", new() { ["url"] = "about:blank" }, null, limit.Token))
                .GetProperty("targetId").GetString()!;
            string session = (await cdp.Send("Target.attachToTarget", new() { ["targetId"] = target, ["flatten"] = true }, null, limit.Token))
                .GetProperty("sessionId").GetString()!;
            page.Session = session;
            foreach (var domain in new[] { "Page", "Runtime", "Log" })
                await cdp.Send(domain + ".enable", null, session, limit.Token);
            await cdp.Send("Emulation.setDeviceMetricsOverride", new()
            {
                ["width"] = options.Width, ["height"] = options.Height, ["deviceScaleFactor"] = 1, ["mobile"] = false,
            }, session, limit.Token);

            string url = new Uri(path).AbsoluteUri;
            stage = "loading " + url;
            page.Navigating = true;
            var navigated = await cdp.Send("Page.navigate", new() { ["url"] = url }, session, limit.Token);
            if (navigated.TryGetProperty("errorText", out var failed) && failed.GetString() is { Length: > 0 } why)
                throw new InvalidOperationException(why);
            await page.Loaded.Task.WaitAsync(limit.Token);

            // Fonts and two animation frames: the page is laid out and painted, and late errors have been sent.
            stage = "waiting for fonts and painting";
            var shown = await cdp.Send("Runtime.evaluate", new()
            {
                ["expression"] = "document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(location.href)))))",
                ["awaitPromise"] = true, ["returnByValue"] = true,
            }, session, limit.Token);
            string? href = shown.GetProperty("result").TryGetProperty("value", out var v) ? v.GetString() : null;
            if (href is null || Uri.UnescapeDataString(href) != Uri.UnescapeDataString(url)) throw new InvalidOperationException($"the page shows {href ?? "nothing"}");

            stage = "taking the screenshot";
            var shot = new JsonObject { ["format"] = "png" };
            if (options.FullPage)
            {
                var size = (await cdp.Send("Page.getLayoutMetrics", null, session, limit.Token)).GetProperty("cssContentSize");
                double width = Math.Max(options.Width, Math.Ceiling(size.GetProperty("width").GetDouble()));
                double height = Math.Clamp(Math.Ceiling(size.GetProperty("height").GetDouble()), options.Height, options.MaxHeight);
                shot["captureBeyondViewport"] = true;
                shot["clip"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = height, ["scale"] = 1 };
            }
            byte[] png = (await cdp.Send("Page.captureScreenshot", shot, session, limit.Token)).GetProperty("data").GetBytesFromBase64();
            var (errors, warnings) = page.Snapshot();
            return new PageCheck(errors, warnings, png, clock.Elapsed);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"chromium: no answer within {options.Limit.TotalSeconds:0} s while {stage}{stderr.Describe()}");
        }
        catch (Exception e) when (e is WebSocketException or IOException or InvalidOperationException)
        {
            throw new InvalidOperationException($"chromium failed while {stage}: {e.Message}{stderr.Describe()}", e);
        }
        finally
        {
            Stop(browser, profile);
            Delete(profile);
        }
    }

    /// <summary>Writes the screenshot to <c>artifacts/screenshots/NAME.png</c> beside the test binaries (or under
    /// <c>$LAYERENTROPY_ARTIFACTS</c>), says where in the test output, and returns the path.</summary>
    public static string SaveScreenshot(PageCheck page, string name, ITestOutputHelper? output = null)
    {
        string root = Environment.GetEnvironmentVariable("LAYERENTROPY_ARTIFACTS") is { Length: > 0 } a
            ? a : Path.Combine(AppContext.BaseDirectory, "artifacts");
        string path = Path.Combine(root, "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, page.Png);
        output?.WriteLine($"screenshot: {path} ({page.Png.Length:N0} bytes, {page.Elapsed.TotalSeconds:0.00} s)");
        return path;
    }

    /// <summary>The flag that asks for headless mode: <c>--headless=new</c> where chromium has it (109 and later).</summary>
    public static string HeadlessFlag(string executable) => MajorVersion(executable) >= 109 ? "--headless=new" : "--headless";

    private static readonly Dictionary<string, int> Versions = [];

    /// <summary>What <c>chromium --version</c> says, e.g. "Chromium 120.0.6099.224 built on Debian ...".</summary>
    public static string Version(string executable)
    {
        var start = new ProcessStartInfo(executable, "--version") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {executable}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000)) { process.Kill(true); throw new TimeoutException($"{executable} --version did not answer in 30 s"); }
        return stdout.Result.Trim();
    }

    private static int MajorVersion(string executable)
    {
        lock (Versions)
        {
            if (Versions.TryGetValue(executable, out int known)) return known;
            int major = 0;
            foreach (var word in Version(executable).Split(' '))
                if (word.Split('.') is [var first, _, ..] && int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out major))
                    break;
            return Versions[executable] = major;
        }
    }

    private static Process Start(string executable, string profile, StderrTail stderr)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var flag in new[]
        {
            HeadlessFlag(executable), "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--user-data-dir=" + profile, "--remote-debugging-port=0",
            "--no-first-run", "--no-default-browser-check", "--hide-scrollbars", "--disable-extensions", "--mute-audio",
            "--force-device-scale-factor=1", "about:blank",
        })
            start.ArgumentList.Add(flag);
        // What chromium keeps outside the profile (its singleton socket in $TMPDIR, crash reports, caches) also goes
        // into the throw-away folder, so that killing it leaves nothing behind.
        string tmp = Directory.CreateDirectory(Path.Combine(profile, "t")).FullName;
        if (tmp.Length < 60) start.Environment["TMPDIR"] = tmp;
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(profile, "config");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(profile, "cache");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {executable}");
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) stderr.Add(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    /// <summary>The browser's WebSocket address, from the DevToolsActivePort file it writes into the profile
    /// (the port on the first line, the path on the second).</summary>
    private static async Task<Uri> DevToolsEndpoint(Process browser, string profile, CancellationToken cancel)
    {
        string file = Path.Combine(profile, "DevToolsActivePort");
        while (true)
        {
            if (File.Exists(file))
            {
                string[] lines;
                try { lines = (await File.ReadAllTextAsync(file, cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries); }
                catch (IOException) { lines = []; }
                if (lines.Length >= 2 && int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out int port))
                    return new Uri($"ws://127.0.0.1:{port}{lines[1].Trim()}");
            }
            if (browser.HasExited) throw new InvalidOperationException($"chromium exited with {browser.ExitCode} before it listened");
            await Task.Delay(25, cancel);
        }
    }

    /// <summary>Kills the browser and every process it started, and then the crash handlers that detached from its
    /// process tree (found by the profile folder on their command line), and waits until they are gone.</summary>
    private static void Stop(Process? browser, string profile)
    {
        if (browser is null) return;
        try
        {
            if (!browser.HasExited) browser.Kill(entireProcessTree: true);
            browser.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { } // already gone
        catch (System.ComponentModel.Win32Exception) { }
        finally { browser.Dispose(); }

        var clock = Stopwatch.StartNew();
        while (ProcessesNaming(profile) is { Count: > 0 } left && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            foreach (int pid in left)
            {
                try { using var p = Process.GetProcessById(pid); p.Kill(); }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>The ids of the running processes whose command line contains <paramref name="text"/> (Linux).</summary>
    private static List<int> ProcessesNaming(string text)
    {
        var found = new List<int>();
        if (!OperatingSystem.IsLinux()) return found;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid == Environment.ProcessId)
                continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(text, StringComparison.Ordinal)) found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // it ended meanwhile
        }
        return found;
    }

    /// <summary>Deletes the profile, trying again for a few seconds while the browser's last processes wind down
    /// (SIGKILL is not instant, and a helper process can still write a file after the browser has gone).</summary>
    private static void Delete(string profile)
    {
        for (int attempt = 0; Directory.Exists(profile); attempt++)
        {
            try { Directory.Delete(profile, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (attempt == 50) return; // a stray folder in the temp folder; not worth failing the test for
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>The last lines chromium wrote to stderr, without its routine complaints about a missing D-Bus.</summary>
    private sealed class StderrTail
    {
        private readonly Queue<string> _lines = new();

        public void Add(string line)
        {
            if (line.Contains("dbus", StringComparison.OrdinalIgnoreCase) || line.Length == 0) return;
            lock (_lines)
            {
                _lines.Enqueue(line);
                while (_lines.Count > 20) _lines.Dequeue();
            }
        }

        public string Describe()
        {
            lock (_lines) return _lines.Count == 0 ? "" : "\nchromium's stderr ends:\n  " + string.Join("\n  ", _lines);
        }
    }

    /// <summary>Collects the attached page's load event, errors and warnings as CDP events arrive.</summary>
    private sealed class PageEvents
    {
        private readonly List<string> _errors = [];
        private readonly List<string> _warnings = [];

        public string? Session { get; set; }

        /// <summary>Set just before the navigation, so that a load event of the blank page cannot count.</summary>
        public volatile bool Navigating;
        public TaskCompletionSource Loaded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public (string[] Errors, string[] Warnings) Snapshot()
        {
            lock (_errors) return ([.. _errors], [.. _warnings]);
        }

        public void On(string method, string? session, JsonElement p)
        {
            if (session is null || session != Session) return;
            switch (method)
            {
                case "Page.loadEventFired" when Navigating:
                    Loaded.TrySetResult();
                    break;
                case "Inspector.targetCrashed":
                    Loaded.TrySetException(new InvalidOperationException("the page crashed"));
                    break;
                case "Runtime.consoleAPICalled":
                    string type = p.GetProperty("type").GetString() ?? "";
                    string text = $"console.{(type == "warning" ? "warn" : type)}: {Arguments(p)}{Where(p.TryGetProperty("stackTrace", out var stack) ? Top(stack) : default)}";
                    if (type is "error" or "assert") Add(_errors, text);
                    else if (type is "warning") Add(_warnings, text);
                    break;
                case "Runtime.exceptionThrown":
                    var details = p.GetProperty("exceptionDetails");
                    string thrown = details.TryGetProperty("exception", out var ex) ? Value(ex).Split('\n')[0] : "";
                    Add(_errors, $"exception: {Str(details, "text")} {thrown}".TrimEnd()
                        + Where((Str(details, "url"), details.TryGetProperty("lineNumber", out var l) ? l.GetInt32() : -1)));
                    break;
                case "Log.entryAdded":
                    var entry = p.GetProperty("entry");
                    string line = $"log ({Str(entry, "source")}): {Str(entry, "text")}"
                        + Where((Str(entry, "url"), entry.TryGetProperty("lineNumber", out var n) ? n.GetInt32() : -1));
                    switch (Str(entry, "level"))
                    {
                        case "error": Add(_errors, line); break;
                        case "warning": Add(_warnings, line); break;
                    }
                    break;
            }
        }

        private void Add(List<string> list, string line)
        {
            lock (_errors) list.Add(line);
        }

        private static string Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

        private static string Arguments(JsonElement p) => string.Join(" ", p.GetProperty("args").EnumerateArray().Select(Value));

        /// <summary>A remote object as the console would show it: its value, else its description, else its type.</summary>
        private static string Value(JsonElement o) =>
            o.TryGetProperty("value", out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())
            : o.TryGetProperty("unserializableValue", out var u) ? u.GetString()!
            : Str(o, "description") is { Length: > 0 } d ? d : Str(o, "type");

        private static (string Url, int Line) Top(JsonElement stack) =>
            stack.TryGetProperty("callFrames", out var frames) && frames.GetArrayLength() > 0
                ? (Str(frames[0], "url"), frames[0].GetProperty("lineNumber").GetInt32()) : ("", -1);

        private static string Where((string Url, int Line) at) =>
            at.Url.Length == 0 ? "" : at.Line >= 0 ? $" ({at.Url}:{at.Line + 1})" : $" ({at.Url})";
    }
}

/// <summary>A minimal Chrome DevTools Protocol client: numbered commands with their answers, and events.</summary>
internal sealed class DevTools : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Dictionary<int, TaskCompletionSource<JsonElement>> _waiting = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _reading = Task.CompletedTask;
    private int _next;

    /// <summary>An event: its method, the session it belongs to (null for the browser) and its parameters.</summary>
    public event Action<string, string?, JsonElement>? Event;

    public static async Task<DevTools> ConnectAsync(Uri endpoint, CancellationToken cancel)
    {
        var cdp = new DevTools();
        cdp._socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await cdp._socket.ConnectAsync(endpoint, cancel);
        cdp._reading = Task.Run(cdp.ReadAll);
        return cdp;
    }

    /// <summary>Sends a command (to a page when <paramref name="session"/> is given) and returns its result.</summary>
    public async Task<JsonElement> Send(string method, JsonObject? parameters, string? session, CancellationToken cancel)
    {
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        lock (_waiting)
        {
            id = ++_next;
            _waiting[id] = answer;
        }
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        if (session is not null) message["sessionId"] = session;
        byte[] bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _sending.WaitAsync(cancel);
        try { await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancel); }
        finally { _sending.Release(); }
        try { return await answer.Task.WaitAsync(cancel); }
        finally { lock (_waiting) _waiting.Remove(id); }
    }

    private async Task ReadAll()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        Exception? failure = null;
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var part = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (part.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage) continue;
                Dispatch(message.GetBuffer().AsMemory(0, (int)message.Length));
                message.SetLength(0);
            }
        }
        catch (Exception e) { failure = e; } // the commands still waiting fail with it
        lock (_waiting)
        {
            var closed = new IOException("the DevTools connection closed" + (failure is null ? "" : ": " + failure.Message), failure);
            foreach (var waiting in _waiting.Values) waiting.TrySetException(closed);
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.TryGetProperty("id", out var idElement))
        {
            TaskCompletionSource<JsonElement>? answer;
            lock (_waiting) _waiting.TryGetValue(idElement.GetInt32(), out answer);
            if (answer is null) return;
            if (root.TryGetProperty("error", out var error))
                answer.TrySetException(new InvalidOperationException($"DevTools error: {error.GetRawText()}"));
            else
                answer.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
        }
        else if (root.TryGetProperty("method", out var method))
        {
            string? session = root.TryGetProperty("sessionId", out var s) ? s.GetString() : null;
            var p = root.TryGetProperty("params", out var pe) ? pe : default;
            Event?.Invoke(method.GetString()!, session, p);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _socket.Abort();
        try { await _reading; }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException) { }
        _socket.Dispose();
        _stop.Dispose();
        _sending.Dispose();
    }
}
