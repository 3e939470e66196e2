using MesoStream.Infra.ClaimCheck;
using MesoStream.Infra.FlowControl;
using MesoStream.Infra.Hosting;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using MesoStream.Infra.TestHop;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Usage: --bootstrap B --input T --output T --service NAME [--instance ID] [--crash-after N] [--records-per-txn K]
//        [--crash-in-commit after-produce|after-commit --crash-at-transaction N]
//        [--pad-bytes N] [--delay-ms MS] [--downstream-group G --max-backlog-bytes B] [--claim-check-dir DIR]
var config = new ConfigurationBuilder().AddCommandLine(args).Build();
string Required(string key) => config[key] ?? throw new ArgumentException($"--{key} is required");

var options = new HopOptions
{
    ServiceName = Required("service"),
    InputTopic = Required("input"),
    InstanceId = config["instance"] ?? "0",
    MaxRecordsPerTransaction = int.Parse(config["records-per-txn"] ?? "16", System.Globalization.CultureInfo.InvariantCulture),
    CommitInterval = TimeSpan.FromMilliseconds(300),
    BrokerTimeout = TimeSpan.FromSeconds(20),
    ClaimCheck = config["claim-check-dir"] is { } claims ? new ClaimCheckOptions(claims) : null,
    OutputTopics = [Required("output")],
    Downstream = config["downstream-group"] is { } group ? new DownstreamStage(Required("output"), group) : null,
    FlowControl = new FlowControlOptions { MaxBacklogBytes = long.Parse(config["max-backlog-bytes"] ?? "2097152", System.Globalization.CultureInfo.InvariantCulture) },
};
int Int(string key) => int.Parse(config[key] ?? "0", System.Globalization.CultureInfo.InvariantCulture);
var settings = new AppendHop.Settings(options.ServiceName, Required("output"), Int("crash-after")) { PadBytes = Int("pad-bytes"), DelayMs = Int("delay-ms") };
using var host = HopHost.Build<AppendHop>(new KafkaConnection(Required("bootstrap")), options,
    new TelemetryOptions { TraceFile = config["trace-file"], Console = false },
    services =>
    {
        services.AddSingleton(settings);
        if (config["crash-in-commit"] is { } point)
        {
            services.AddSingleton<ICommitParticipant>(new CrashInCommitWindow(point, Int("crash-at-transaction")));
        }
    });
await host.RunAsync();
return Environment.ExitCode;
