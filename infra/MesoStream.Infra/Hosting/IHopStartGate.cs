namespace MesoStream.Infra.Hosting;

/// <summary>
/// Holds the hop back until the service can handle records (the predictor: until a model is loaded). Records wait on
/// the topic meanwhile, so nothing is dead-lettered for a reason the service will outgrow. Registered gates are awaited
/// in turn before the hop subscribes.
/// </summary>
public interface IHopStartGate
{
    Task WaitAsync(CancellationToken cancellationToken);
}
