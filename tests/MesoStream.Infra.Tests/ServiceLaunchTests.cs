using MesoStream.Infra.FlowControl;
using MesoStream.Infra.Hosting;

namespace MesoStream.Infra.Tests;

/// <summary>The typed launch of a service (what <c>up</c> starts each process with) reads back as the same options.</summary>
public sealed class ServiceLaunchTests
{
    [Fact]
    public void A_launch_written_as_arguments_parses_back_to_the_same_options()
    {
        var launch = new ServiceLaunch("127.0.0.1:9092", "solver-2")
        {
            TraceFile = "/run/traces/solver-2.jsonl",
            FlowControl = new FlowControlOptions { MaxBacklogBytes = 3 << 20, MaxBacklogRecords = 77 },
            ClaimCheckDirectory = "/run/blobs",
        };

        var line = ServiceProgram.Parse([.. launch.ToArguments()], new ServiceDefinition("solver", "voxel-ready", "test"));

        Assert.Equal("127.0.0.1:9092", line.Connection.BootstrapServers);
        Assert.Equal("solver-2", line.Options.InstanceId);
        Assert.Equal("/run/traces/solver-2.jsonl", line.Telemetry.TraceFile);
        Assert.Equal(3 << 20, line.Options.FlowControl.MaxBacklogBytes);
        Assert.Equal(77, line.Options.FlowControl.MaxBacklogRecords);
        Assert.Equal("/run/blobs", line.Options.ClaimCheck!.Directory);
    }
}
