using MesoStream.Infra.Hosting;
using MesoStream.Predictor.Serving;
using Microsoft.Extensions.Logging;

namespace MesoStream.Predictor.Service;

/// <summary>
/// Holds the prediction-requested hop until the first model is loaded. Requests that arrive before then stay on the
/// topic, uncommitted, and are answered once a model arrives: neither lost nor dead-lettered for want of a model.
/// (HTTP answers 503 with Retry-After meanwhile, and readiness stays red.)
/// </summary>
public sealed class FirstModelGate(ModelHolder models, ILogger<FirstModelGate> logger) : IHopStartGate
{
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (models.Current is null)
        {
            logger.LogInformation("predictor: no model yet; prediction-requested waits until model-trained delivers one");
        }

        await models.WaitForFirstAsync(cancellationToken);
    }
}
