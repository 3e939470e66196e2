using System.Globalization;
using MassTransit;
using MesoStream.Infra.ClaimCheck;
using MesoStream.Infra.FlowControl;
using MesoStream.Infra.Kafka;
using MesoStream.Infra.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MesoStream.Infra.Hosting;

/// <summary>What a pipeline service is: its name, what it reads, and the consumer that transforms each record.</summary>
public sealed record ServiceDefinition(string Name, string InputTopic, string Summary)
{
    /// <summary>Options of this service beyond the shared ones: (name without dashes, "VALUE  help" text).</summary>
    public IReadOnlyList<(string Name, string Help)> Options { get; init; } = [];

    /// <summary>The topic this service writes for the next stage and that stage's consumer group: its backlog bounds this service.</summary>
    public DownstreamStage? Downstream { get; init; }

    /// <summary>Topics it writes that no stage's backlog bounds (see <see cref="HopOptions.OutputTopics"/>).</summary>
    public IReadOnlyList<string> OutputTopics { get; init; } = [];
}

/// <summary>
/// The shared options a service process is started with, typed (what <c>mesostream up</c> starts each service with);
/// <see cref="ToArguments"/> writes the command line <see cref="ServiceProgram.Parse"/> reads back.
/// </summary>
public sealed record ServiceLaunch(string Bootstrap, string InstanceId)
{
    public string? TraceFile { get; init; }

    public FlowControlOptions FlowControl { get; init; } = new();

    /// <summary>The claim-check directory (threshold: the default); null: every payload inline.</summary>
    public string? ClaimCheckDirectory { get; init; }

    public IReadOnlyList<string> ToArguments() =>
    [
        "--bootstrap", Bootstrap, "--instance", InstanceId,
        .. TraceFile is { } file ? ["--trace-file", file] : Array.Empty<string>(),
        "--max-backlog-bytes", FlowControl.MaxBacklogBytes.ToString(CultureInfo.InvariantCulture),
        "--max-backlog-records", FlowControl.MaxBacklogRecords.ToString(CultureInfo.InvariantCulture),
        .. ClaimCheckDirectory is { } claims ? ["--claim-check-dir", claims] : Array.Empty<string>(),
    ];
}

/// <summary>A parsed service command line: the cluster, the hop, telemetry, and every option for the service's own.</summary>
public sealed record ServiceCommandLine(KafkaConnection Connection, HopOptions Options, TelemetryOptions Telemetry, IConfiguration Config);

/// <summary>
/// The command line every service executable shares (<c>dotnet run --project services/NAME -- --bootstrap B</c>):
/// parses the options, prints help, builds the <see cref="HopHost"/> and runs it until SIGTERM/Ctrl+C.
/// Exit codes: 0 stopped cleanly, 1 fatal Kafka error, 2 bad usage.
/// </summary>
public static class ServiceProgram
{
    private static readonly string[] Known =
        ["bootstrap", "instance", "kafka-config", "records-per-txn", "commit-ms", "max-backlog-bytes", "max-backlog-records", "max-record-bytes", "claim-check-dir", "claim-check-bytes", "trace-file", "help"];

    /// <param name="configureServices">Registers the service's own components; gets the parsed command line, and may throw
    /// <see cref="ArgumentException"/> for a bad service option (exit code 2).</param>
    public static Task<int> RunAsync<TConsumer>(string[] args, ServiceDefinition service, Action<IServiceCollection, IConfiguration>? configureServices = null)
        where TConsumer : class, IConsumer<InboundRecord> =>
        RunAsync(args, service, line => HopHost.Build<TConsumer>(line.Connection, line.Options, line.Telemetry,
            services => configureServices?.Invoke(services, line.Config)));

    /// <summary>
    /// The same command line for a service that builds its own host (e.g. a web application around the hop, see
    /// <see cref="HopHost.Configure{TConsumer}"/>); <paramref name="buildHost"/> may throw <see cref="ArgumentException"/>
    /// for a bad service option (exit code 2).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, ServiceDefinition service, Func<ServiceCommandLine, IHost> buildHost)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(Help(service));
            return 0;
        }

        ServiceCommandLine line;
        try
        {
            line = Parse(args, service);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }

        IHost host;
        try
        {
            host = buildHost(line);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }

        using (host)
        {
            await host.RunAsync();
        }

        return Environment.ExitCode;
    }

    /// <summary>Reads a service's command line; a bad option throws <see cref="ArgumentException"/> (or a format error) naming it.</summary>
    public static ServiceCommandLine Parse(string[] args, ServiceDefinition service)
    {
        var config = new ConfigurationBuilder().AddCommandLine(args).Build();
        var unknown = config.AsEnumerable().Select(kv => kv.Key.Split(':')[0]).Distinct()
            .Except(Known).Except(service.Options.Select(o => o.Name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown option --{unknown[0]}; see --help");
        }

        var bootstrap = config["bootstrap"] ?? Environment.GetEnvironmentVariable("MESOSTREAM_BOOTSTRAP")
            ?? throw new ArgumentException("--bootstrap is required (or MESOSTREAM_BOOTSTRAP)");
        var properties = KafkaConnection.ParseProperties(
            (config["kafka-config"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var options = new HopOptions
        {
            ServiceName = service.Name,
            InputTopic = service.InputTopic,
            InstanceId = config["instance"] ?? Environment.MachineName,
            MaxRecordsPerTransaction = PositiveInt(config, "records-per-txn", 32),
            CommitInterval = TimeSpan.FromMilliseconds(PositiveInt(config, "commit-ms", 500)),
            Downstream = service.Downstream,
            OutputTopics = service.OutputTopics,
            MaxRecordBytes = config["max-record-bytes"] is null ? null : PositiveInt(config, "max-record-bytes", 0),
            ClaimCheck = config["claim-check-dir"] is { } claims
                ? new ClaimCheckOptions(claims) { ThresholdBytes = PositiveInt(config, "claim-check-bytes", ClaimCheckOptions.DefaultThresholdBytes) }
                : null,
            FlowControl = new FlowControlOptions
            {
                MaxBacklogBytes = PositiveLong(config, "max-backlog-bytes", FlowControlOptions.DefaultMaxBacklogBytes),
                MaxBacklogRecords = PositiveInt(config, "max-backlog-records", FlowControlOptions.DefaultMaxBacklogRecords),
            }.Validated(),
        };
        var fromEnvironment = TelemetryOptions.FromEnvironment();
        var telemetry = fromEnvironment with { TraceFile = config["trace-file"] ?? fromEnvironment.TraceFile };
        return new ServiceCommandLine(new KafkaConnection(bootstrap, properties), options, telemetry, config);
    }

    private static int PositiveInt(IConfiguration config, string key, int fallback)
    {
        var value = PositiveLong(config, key, fallback);
        return value <= int.MaxValue ? (int)value : throw new ArgumentException($"--{key} must be at most {int.MaxValue}, got {value}");
    }

    private static long PositiveLong(IConfiguration config, string key, long fallback)
    {
        var text = config[key];
        if (text is null)
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"--{key} must be a positive integer, got \"{text}\"");
    }

    private static string Help(ServiceDefinition service) => $"""
        mesostream {service.Name} service: {service.Summary}
        Reads {service.InputTopic}; failures go to {service.InputTopic}.dlq.{(service.Downstream is { } d ? $"\n        Writes {d.Topic}; pauses while the {d.ConsumerGroup} group's backlog there is at its bound." : string.Empty)}

        USAGE: dotnet run --project services/{service.Name} -- --bootstrap HOST:PORT [options]

          --bootstrap B           Kafka bootstrap servers (or MESOSTREAM_BOOTSTRAP)
          --instance ID           replica id; restart a replica with the same id (default: machine name)
          --kafka-config "k=v;…"  extra librdkafka properties, e.g. "security.protocol=SASL_SSL;sasl.mechanism=PLAIN"
          --records-per-txn N     records per Kafka transaction (default 32)
          --commit-ms MS          commit a transaction at the latest this long after its first record (default 500)
          --max-backlog-bytes B   unconsumed bytes allowed per partition of the output topic before pausing (default {FlowControlOptions.DefaultMaxBacklogBytes})
          --max-backlog-records N unconsumed records allowed per partition of the output topic (default {FlowControlOptions.DefaultMaxBacklogRecords})
          --max-record-bytes B    refuse (dead-letter) an input whose output record exceeds B bytes (default: the 64 MiB message limit)
          --claim-check-dir DIR   payloads over --claim-check-bytes go to this content-addressed directory, the record carries
                                  their SHA-256 (every service of the pipeline needs the same directory); default: all inline
          --claim-check-bytes B   threshold for the claim check (default {ClaimCheckOptions.DefaultThresholdBytes})
          --trace-file PATH       spans as JSON lines (default: OTLP if OTEL_EXPORTER_OTLP_ENDPOINT is set, else console)
          -h, --help              this text
        """ + string.Concat(service.Options.Select(OptionLine));

    /// <summary>A service option's help line, aligned with the shared ones (one space at least after a longer one): Help is "VALUE  text".</summary>
    private static string OptionLine((string Name, string Help) option)
    {
        var parts = option.Help.Split("  ", 2, StringSplitOptions.TrimEntries);
        return $"\n  {("--" + option.Name + " " + parts[0] + " ").PadRight(24)}{(parts.Length > 1 ? parts[1] : string.Empty)}";
    }
}
