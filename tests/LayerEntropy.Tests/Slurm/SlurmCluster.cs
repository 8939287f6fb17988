using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LayerEntropy.Tests.Slurm;

/// <summary>
/// A real one-node Slurm cluster, private to the tests: its own munged (socket and key in a temporary folder), a
/// slurmctld and a slurmd on free ports, and a slurm.conf that SLURM_CONF names for them and for every sbatch,
/// squeue and scancel the tests (and the code under test) run. Nothing in /etc is read or changed. Started once for
/// the collection, stopped (jobs cancelled, daemons killed, folder deleted) after it.
/// </summary>
public sealed class SlurmCluster : IDisposable
{
    private static readonly string[] Programs = ["munged", "mungekey", "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "sinfo", "scontrol", "runuser"];
    private readonly List<Process> daemons = [];
    private readonly Dictionary<Process, StringBuilder> outputs = [];

    public SlurmCluster()
    {
        if (Missing() is not null || OperatingSystem.IsWindows()) return;
        try
        {
            Boot();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private void Boot()
    {
        var clock = Stopwatch.StartNew();
        Folder = Path.Combine(Path.GetTempPath(), "layerentropy-slurm-" + Guid.NewGuid().ToString("N")[..12]);
        string munge = Path.Combine(Folder, "munge");
        Directory.CreateDirectory(munge);
        Directory.CreateDirectory(Path.Combine(Folder, "state"));
        Directory.CreateDirectory(Path.Combine(Folder, "spool"));
        // munged insists on folders only its user can write, and a socket folder everyone can enter.
        File.SetUnixFileMode(Folder, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(munge, (UnixFileMode)0b111_101_101);
        Run("chown", "munge:munge", munge);
        string key = Path.Combine(munge, "munge.key");
        Socket = Path.Combine(munge, "munge.socket");
        Run("runuser", "-u", "munge", "--", "mungekey", "-c", "-k", key);
        Start("runuser", "-u", "munge", "--", "munged", "-F", $"--socket={Socket}", $"--key-file={key}",
            $"--pid-file={Path.Combine(munge, "munged.pid")}", $"--log-file={Path.Combine(munge, "munged.log")}", $"--seed-file={Path.Combine(munge, "munged.seed")}");
        Until(() => File.Exists(Socket), TimeSpan.FromSeconds(20), "munged made no socket");

        // slurmd -C: this machine's node line (its real CPUs and layout).
        string node = Run("slurmd", "-C").Split('\n')[0];
        string host = node.Split(' ')[0]["NodeName=".Length..];
        string layout = string.Join(" ", node.Split(' ').Skip(1).Where(f => f.Split('=')[0] is "CPUs" or "Boards" or "SocketsPerBoard" or "CoresPerSocket" or "ThreadsPerCore"));
        Cpus = int.Parse(node.Split(' ').First(f => f.StartsWith("CPUs=", StringComparison.Ordinal))[5..], CultureInfo.InvariantCulture);
        Conf = Path.Combine(Folder, "slurm.conf");
        File.WriteAllText(Conf, string.Join("\n",
            "ClusterName=layerentropytest",
            $"SlurmctldHost={host}(127.0.0.1)",
            $"SlurmctldPort={FreePort()}",
            $"SlurmdPort={FreePort()}",
            "AuthType=auth/munge",
            "CredType=cred/munge",
            $"AuthInfo=socket={Socket}",
            "SlurmUser=root",
            "SlurmdUser=root",
            $"StateSaveLocation={Path.Combine(Folder, "state")}",
            $"SlurmdSpoolDir={Path.Combine(Folder, "spool")}",
            $"SlurmctldPidFile={Path.Combine(Folder, "slurmctld.pid")}",
            $"SlurmdPidFile={Path.Combine(Folder, "slurmd.pid")}",
            $"SlurmctldLogFile={Path.Combine(Folder, "slurmctld.log")}",
            $"SlurmdLogFile={Path.Combine(Folder, "slurmd.log")}",
            "ProctrackType=proctrack/linuxproc",
            "TaskPlugin=task/none",
            "SelectType=select/cons_tres",
            "SelectTypeParameters=CR_CPU",
            "ReturnToService=2",
            "MpiDefault=none",
            "JobCompType=jobcomp/none",
            "JobAcctGatherType=jobacct_gather/none",
            "AccountingStorageType=accounting_storage/none",
            // Ended jobs stay visible to squeue -t all for ten minutes, for the tests to read their states.
            "MinJobAge=600",
            $"NodeName={host} NodeAddr=127.0.0.1 {layout} State=UNKNOWN",
            "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
            ""));
        // The code under test runs sbatch as a child of this process: it finds the cluster through the same variable.
        Environment.SetEnvironmentVariable("SLURM_CONF", Conf);
        Start("slurmctld", "-D", "-i");
        Start("slurmd", "-D", "-N", host);
        Until(() => Run("sinfo", "-h", "-o", "%T").Trim() == "idle", TimeSpan.FromSeconds(60), "the node never became idle");
        StartTime = clock.Elapsed;
    }

    /// <summary>Why the cluster cannot run here, or null: a program missing, or not root (the daemons run as root).</summary>
    public static string? Missing()
    {
        if (!OperatingSystem.IsLinux()) return "a Slurm cluster needs Linux";
        var missing = Programs.Where(p => Which(p) is null).ToArray();
        if (missing.Length > 0) return $"not installed: {string.Join(", ", missing)} (apt-get install slurmctld slurmd slurm-client munge)";
        if (Environment.UserName != "root") return "the one-node Slurm cluster runs its daemons as root";
        return null;
    }

    /// <summary>The cluster's temporary folder (configuration, state, daemons' logs).</summary>
    public string Folder { get; private set; } = "";

    public string Conf { get; private set; } = "";

    public string Socket { get; private set; } = "";

    /// <summary>The node's CPUs.</summary>
    public int Cpus { get; private set; }

    /// <summary>How long the cluster took to start, from nothing to an idle node.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>Runs a Slurm client program against this cluster; its stdout, or an exception with its stderr.</summary>
    public string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(Which(program) ?? program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        if (Conf.Length > 0) start.Environment["SLURM_CONF"] = Conf;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000)) { process.Kill(true); throw new TimeoutException($"{program} {string.Join(" ", arguments)} did not end in 60 s"); }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(" ", arguments)}: exit {process.ExitCode}: {stderr.Result}{stdout.Result}");
        return stdout.Result;
    }

    /// <summary>sbatch --parsable with these arguments: the job id.</summary>
    public string Submit(params string[] arguments) => Run("sbatch", ["--parsable", .. arguments]).Trim().Split(';')[0];

    /// <summary>Each job and array task of <paramref name="jobs"/> as squeue shows it, ended ones too: id, state, reason.</summary>
    public IReadOnlyList<(string Id, string State, string Reason)> Jobs(params string[] jobs) =>
        [.. Run("squeue", "-h", "-t", "all", "-r", "-j", string.Join(",", jobs), "-o", "%i %T %r")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', 3))
            .Select(f => (f[0], f[1], f.Length > 2 ? f[2] : ""))];

    /// <summary>
    /// Waits until every job and array task of <paramref name="jobs"/> has ended, and returns how each ended; fails,
    /// with every log in <paramref name="logs"/> and the daemons' logs, on a timeout or on a job that waits for a
    /// dependency that can never be met.
    /// </summary>
    public IReadOnlyList<(string Id, string State, string Reason)> WaitUntilEnded(string logs, TimeSpan timeout, params string[] jobs)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<(string Id, string State, string Reason)> seen = [];
        while (clock.Elapsed < timeout)
        {
            seen = Jobs(jobs);
            if (seen.Any(j => j.Reason.Contains("DependencyNeverSatisfied", StringComparison.Ordinal)))
                Assert.Fail($"a job waits for a dependency that cannot be met: {Describe(seen)}\n{Logs(logs)}");
            if (seen.Count > 0 && seen.All(j => Ended(j.State))) return seen;
            Thread.Sleep(500);
        }
        Assert.Fail($"jobs not done in {timeout.TotalSeconds:0} s: {Describe(seen)}\n{Logs(logs)}");
        return seen;
    }

    /// <summary>As <see cref="WaitUntilEnded"/>, and fails, with the logs, unless every job completed.</summary>
    public void WaitForCompletion(string logs, TimeSpan timeout, params string[] jobs)
    {
        var ended = WaitUntilEnded(logs, timeout, jobs);
        if (ended.Any(j => j.State != "COMPLETED")) Assert.Fail($"jobs did not complete: {Describe(ended)}\n{Logs(logs)}");
    }

    /// <summary>Every file in <paramref name="folder"/>, and the daemons' logs' last lines, for a failure's message.</summary>
    public string Logs(string folder)
    {
        var text = new StringBuilder();
        if (Directory.Exists(folder))
            foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
                text.Append("--- ").AppendLine(file).AppendLine(File.ReadAllText(file));
        foreach (var daemon in new[] { "slurmctld.log", "slurmd.log" })
            if (File.Exists(Path.Combine(Folder, daemon)))
                text.Append("--- ").AppendLine(daemon).AppendLine(string.Join("\n", File.ReadLines(Path.Combine(Folder, daemon)).TakeLast(20)));
        return text.ToString();
    }

    public void Dispose()
    {
        // Jobs first: their steps run apart from slurmd and would outlive it.
        if (Conf.Length > 0 && daemons.Count == 3 && daemons.All(d => !d.HasExited))
        {
            try
            {
                Run("scancel", "--user=root");
                Until(() => Run("squeue", "-h").Trim().Length == 0, TimeSpan.FromSeconds(20), "jobs still running");
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException) { }
        }
        foreach (var daemon in Enumerable.Reverse(daemons))
        {
            try { daemon.Kill(entireProcessTree: true); daemon.WaitForExit(10_000); }
            catch (InvalidOperationException) { }
            daemon.Dispose();
        }
        if (Environment.GetEnvironmentVariable("SLURM_CONF") == Conf) Environment.SetEnvironmentVariable("SLURM_CONF", null);
        daemons.Clear();
        if (Folder.Length == 0) return;
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }

    private static bool Ended(string state) => state is not ("PENDING" or "RUNNING" or "CONFIGURING" or "COMPLETING" or "SUSPENDED" or "REQUEUED" or "RESIZING" or "SIGNALING" or "STAGE_OUT");

    private static string Describe(IEnumerable<(string Id, string State, string Reason)> jobs) => string.Join(", ", jobs.Select(j => $"{j.Id} {j.State} ({j.Reason})"));

    private void Start(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(Which(program) ?? program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        if (Conf.Length > 0) start.Environment["SLURM_CONF"] = Conf;
        var process = Process.Start(start)!;
        var said = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (said) said.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (said) said.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        daemons.Add(process);
        outputs[process] = said;
    }

    private void Until(Func<bool> done, TimeSpan timeout, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try { if (done()) return; }
            catch (InvalidOperationException) { }
            if (daemons.FirstOrDefault(d => d.HasExited) is { } died) throw new InvalidOperationException($"{died.StartInfo.FileName} {string.Join(" ", died.StartInfo.ArgumentList)} exited ({died.ExitCode}): {outputs[died]}\n{Logs(Folder)}");
            Thread.Sleep(200);
        }
        throw new TimeoutException($"Slurm test cluster: {failure} in {timeout.TotalSeconds:0} s\n{Logs(Folder)}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin"])
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
