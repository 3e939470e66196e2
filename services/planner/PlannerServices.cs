using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MesoStream.Planner.Service;

/// <summary>The planner's components around the shared hop (also used by the tests that host it in-process).</summary>
public static class PlannerServices
{
    public static void Add(IServiceCollection services, IConfiguration config) => Add(services, PlannerOptions.From(config));

    public static void Add(IServiceCollection services, PlannerOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<PlannedModels>();
    }
}
