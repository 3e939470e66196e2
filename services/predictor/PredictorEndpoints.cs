using MesoStream.Contracts.Messaging;
using MesoStream.Predictor.Requests;
using MesoStream.Predictor.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;

namespace MesoStream.Predictor.Service;

/// <summary>
/// The HTTP API: <c>POST /predict</c> (one JSON object or an array: descriptor rows and/or specs),
/// <c>GET /models/current</c>, <c>GET /health/live</c> and <c>GET /health/ready</c> (ready once a model is loaded).
/// Errors are RFC 7807 problem details: 400 with <c>errors</c> keyed by the field at fault, each message naming the
/// allowed range; 413 over <see cref="PredictionLimits.MaxBodyBytes"/>; 503 with Retry-After before the first model.
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

    private static async Task<IResult> PredictAsync(HttpRequest request, ModelHolder models, CancellationToken cancellationToken)
    {
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
            var results = PropertyPredictor.PredictAll(model, inputs);
            return Results.Json(new PredictResponse(model.Version, results), PredictionJson.Options);
        }
        catch (InvalidMessageException e)
        {
            return Results.ValidationProblem(
                e.Errors.GroupBy(error => error.Field).ToDictionary(g => g.Key, g => g.Select(error => error.Message).ToArray()),
                detail: e.Message,
                title: "invalid prediction request");
        }
    }

    private static IResult TooLarge() => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "request body too large",
        detail: $"at most {PredictionLimits.MaxBodyBytes} bytes per request (and {PredictionLimits.MaxInputsPerRequest} inputs, {PredictionLimits.MaxSpecsPerRequest} of them specs)");

    private static IResult NoModel() => new RetryLater(Results.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "no model loaded yet",
        detail: "the predictor serves once model-trained has delivered a model; retry later"));

    /// <summary>Adds Retry-After to a 503, so clients back off instead of hammering a predictor that is still loading.</summary>
    private sealed class RetryLater(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = "5";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
