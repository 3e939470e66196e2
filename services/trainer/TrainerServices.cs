using MesoStream.Infra.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MesoStream.Trainer.Service;

/// <summary>The trainer's components around the shared hop (also used by the tests that host it in-process).</summary>
public static class TrainerServices
{
    public static void Add(IServiceCollection services, IConfiguration config) => Add(services, TrainerOptions.From(config));

    public static void Add(IServiceCollection services, TrainerOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<ModelVersions>();
        services.AddSingleton<RetrainingPolicy>();
        services.AddSingleton<DatasetStore>();
        services.AddSingleton<ICommitParticipant>(sp => sp.GetRequiredService<DatasetStore>());
        services.AddHostedService<RetrainingWorker>();
        services.AddHostedService<TrainingRequestListener>();
    }
}
