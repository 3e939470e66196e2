using System.Threading.RateLimiting;

namespace MesoStream.Predictor.Service;

/// <summary>
/// Bounds the HTTP requests that hold specs: each generates and describes its structures on every core (up to two
/// 200³ grids, seconds), so past <see cref="PredictorOptions.MaxSpecRequests"/> at once a request is refused at
/// once (429 with Retry-After) rather than queued behind the others without bound. Descriptor rows cost microseconds
/// and do not pass through here.
/// </summary>
public sealed class SpecAdmission(PredictorOptions options) : IDisposable
{
    /// <summary>Seconds a refused client is asked to wait: about one 200³ spec.</summary>
    public const int RetryAfterSeconds = 2;

    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.MaxSpecRequests,
        QueueLimit = 0,
    });

    /// <summary>A lease to compute specs now, or one whose <see cref="RateLimitLease.IsAcquired"/> is false when all are taken.</summary>
    public RateLimitLease TryAdmit() => _limiter.AttemptAcquire();

    public void Dispose() => _limiter.Dispose();
}
