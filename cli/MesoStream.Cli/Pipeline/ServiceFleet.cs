namespace MesoStream.Cli.Pipeline;

/// <summary>The service processes one <c>mesostream up</c> started; stopping it stops every one (SIGTERM, then kill).</summary>
internal sealed class ServiceFleet : IDisposable
{
    private readonly List<ServiceProcess> _services = [];

    public IReadOnlyList<ServiceProcess> Services => _services;

    public void Add(ServiceProcess service) => _services.Add(service);

    /// <summary>Throws, with the last lines it wrote, when a service exited although nobody asked it to.</summary>
    public void ThrowIfAnyExited()
    {
        if (_services.FirstOrDefault(s => s.HasExited) is { } exited)
        {
            throw new InvalidOperationException($"the {exited.Name} service exited (code {exited.ExitCode}):{Environment.NewLine}{exited.Tail()}");
        }
    }

    /// <summary>Asks every service to drain and exit; kills those still running after <paramref name="grace"/>.</summary>
    public void Stop(TimeSpan grace)
    {
        foreach (var service in _services)
        {
            service.Terminate();
        }

        var deadline = DateTime.UtcNow + grace;
        foreach (var service in _services)
        {
            service.WaitForExit(Max(deadline - DateTime.UtcNow, TimeSpan.Zero));
        }

        Dispose();
    }

    public void Dispose()
    {
        foreach (var service in _services)
        {
            service.Dispose();
        }

        _services.Clear();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
