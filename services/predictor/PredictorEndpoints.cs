using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Predictions;
using MesoStream.Predictor.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;

namespace MesoStream.Predictor.Service;

/// <summary>
/// The HTTP API: <c>POST /predict</c> (one JSON object or an array: descriptor rows and/or specs),
/// <c>GET /models/current</c>, <c>GET /health/live</c> and <c>GET /health/ready</c> (ready once a model is loaded).
/// Errors are RFC 7807 problem details: 400 with <c>errors</c> keyed by the field at fault (the first
/// <see cref="FieldErrors.MaxKept"/>), each message naming the allowed range, and <c>total_errors</c>; 413 over
/// <see cref="PredictionLimits.MaxBodyBytes"/>; 415 for a body that is not <c>application/json</c>; 429 with
/// Retry-After when <see cref="SpecAdmission"/> is full; 503 with Retry-After before the first model. (401 comes from
/// <see cref="ApiKeyAuthentication"/>.)
/// </summary>
public static class PredictorEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/predict", PredictAsync);
        app.MapGet("/models/current", (ModelHolder models) => models.Current is { } model
            ? Results.Json(ModelSummary.Of(model), PredictionJson.Options)
            : NoModel());
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ModelReadinessCheck.Tag) });
    }

    private static async Task<IResult> PredictAsync(HttpRequest request, ModelHolder models, SpecAdmission admission, CancellationToken cancellationToken)
    {
        if (!JsonContentType.Accepts(request.ContentType))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "request body must be JSON",
                detail: $"Content-Type must be {JsonContentType.Required} (charset, if given, utf-8), got {(request.ContentType is { } type ? $"\"{type}\"" : "none")}");
        }

        if (request.ContentLength > PredictionLimits.MaxBodyBytes)
        {
            return TooLarge();
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }

        // One read of the holder per request: every answer of the batch carries the same version, whatever swaps meanwhile.
        if (models.Current is not { } model)
        {
            return NoModel();
        }

        try
        {
            var inputs = PredictionRequestJson.ParseBody(body);
            using var lease = inputs.Any(input => input.Kind == InputKind.Spec) ? admission.TryAdmit() : null;
            if (lease is { IsAcquired: false })
            {
                return new RetryLater(SpecAdmission.RetryAfterSeconds, Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "too many spec requests at once",
                    detail: "every slot for requests holding specs (each generates and describes structures on all cores) is taken; retry later, or send descriptor rows"));
            }

            var results = PropertyPredictor.PredictAll(model, inputs);
            return Results.Json(new PredictResponse(model.Version, results), PredictionJson.Options);
        }
        catch (InvalidMessageException e)
        {
            return Results.ValidationProblem(
                e.Errors.GroupBy(error => error.Field).ToDictionary(g => g.Key, g => g.Select(error => error.Message).ToArray()),
                detail: e.Message,
                title: "invalid prediction request",
                extensions: new Dictionary<string, object?> { ["total_errors"] = e.TotalErrors });
        }
    }

    private static IResult TooLarge() => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "request body too large",
        detail: $"at most {PredictionLimits.MaxBodyBytes} bytes per request (and {PredictionLimits.MaxInputsPerRequest} inputs, {PredictionLimits.MaxSpecsPerRequest} of them specs)");

    private static IResult NoModel() => new RetryLater(5, Results.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "no model loaded yet",
        detail: "the predictor serves once model-trained has delivered a model; retry later"));

    /// <summary>Adds Retry-After to a 503 or 429, so clients back off instead of hammering a predictor that is loading or full.</summary>
    private sealed class RetryLater(int seconds, IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
