using System.Diagnostics;
using System.Text.Json;
using MesoStream.Infra.FlowControl;
using MesoStream.Infra.Hosting;
using MesoStream.Planner.Service;
using MesoStream.Trainer.Service;

namespace MesoStream.Cli.Pipeline;

/// <summary>
/// The fleet part of <c>up</c>: which service processes it starts and with what, all typed — the shared options as a
/// <see cref="ServiceLaunch"/>, the trainer's as <see cref="TrainerOptions"/> — and written out by the code that the
/// services read them back with. Everything a run writes lives in <see cref="RunDirectory"/>.
/// </summary>
internal sealed record UpFleet(string Bootstrap, string RunDirectory, int Solvers, FlowControlOptions FlowControl, TrainerOptions Trainer, string PredictorUrls)
{
    /// <summary>The planner's options for an active-learning campaign; null: no planner runs.</summary>
    public PlannerOptions? Planner { get; init; }

    /// <summary>The run directory's claim-check store: 200³ voxel batches (2.5–24 MB) travel through it, not the log.</summary>
    public string Blobs => Path.Combine(RunDirectory, "blobs");

    /// <summary>Each process's spans, one JSON-lines file per process (<c>up.jsonl</c> for the campaign's own).</summary>
    public string Traces => Path.Combine(RunDirectory, "traces");

    public string Logs => Path.Combine(RunDirectory, "logs");

    /// <summary>
    /// Starts the generator, K solvers, the descriptor, the trainer, the predictor and (active learning) the planner, and writes the pid of each to
    /// <c>services.json</c> for operators and tests.
    /// </summary>
    public ServiceFleet Start()
    {
        var fleet = new ServiceFleet();
        fleet.Add(ServiceProcess.Start("generator", "Generator", Shared("generator"), Logs));
        for (int k = 1; k <= Solvers; k++)
        {
            fleet.Add(ServiceProcess.Start($"solver-{k}", "Solver", Shared($"solver-{k}"), Logs));
        }

        fleet.Add(ServiceProcess.Start("descriptor", "Descriptor", Shared("descriptor"), Logs));
        fleet.Add(ServiceProcess.Start("trainer", "Trainer", [.. Shared("trainer"), .. Trainer.ToArguments()], Logs));
        // The predictor host is a web application and not linked into this CLI: its one option is named here.
        fleet.Add(ServiceProcess.Start("predictor", "Predictor", [.. Shared("predictor"), "--urls", PredictorUrls], Logs));
        if (Planner is not null)
        {
            fleet.Add(ServiceProcess.Start("planner", "Planner", [.. Shared("planner"), .. Planner.ToArguments()], Logs));
        }

        File.WriteAllText(Path.Combine(RunDirectory, "services.json"),
            JsonSerializer.Serialize(fleet.Services.ToDictionary(s => s.Name, s => s.Id), CliJson.Options));
        return fleet;
    }

    /// <summary>Peak resident memory of every process of the run, in MiB: this one (embedded broker, stage monitor) and each service.</summary>
    public static Dictionary<string, long> PeakMemory(ServiceFleet fleet)
    {
        var peaks = new Dictionary<string, long> { ["up"] = Process.GetCurrentProcess().PeakWorkingSet64 >> 20 };
        foreach (var service in fleet.Services)
        {
            if (service.PeakResidentBytes() is { } bytes)
            {
                peaks[service.Name] = bytes >> 20;
            }
        }

        return peaks;
    }

    private IReadOnlyList<string> Shared(string instance) => new ServiceLaunch(Bootstrap, instance)
    {
        TraceFile = Path.Combine(Traces, instance + ".jsonl"),
        FlowControl = FlowControl,
        ClaimCheckDirectory = Blobs,
    }.ToArguments();
}
