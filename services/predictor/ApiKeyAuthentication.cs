using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace MesoStream.Predictor.Service;

/// <summary>
/// With <c>--api-key-file</c>, every request but the liveness probe must carry the key, as <c>Authorization: Bearer
/// KEY</c> or <c>X-Api-Key: KEY</c>; otherwise 401 with <c>WWW-Authenticate: Bearer</c>, before the body is read.
/// Keys are compared as SHA-256 digests with <see cref="CryptographicOperations.FixedTimeEquals"/>: equal lengths, so
/// neither the time nor the length of a wrong key tells how close it came.
/// </summary>
public sealed class ApiKeyAuthentication(byte[] key)
{
    private const string LivenessPath = "/health/live";

    private readonly byte[] _keyDigest = SHA256.HashData(key);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.Equals(LivenessPath, StringComparison.Ordinal) || Presents(context.Request))
        {
            await next(context);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "missing or wrong API key",
            detail: "this predictor requires its API key: send Authorization: Bearer KEY or X-Api-Key: KEY").ExecuteAsync(context);
    }

    private bool Presents(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        var presented = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : request.Headers["X-Api-Key"].ToString();
        return presented.Length > 0
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(presented)), _keyDigest);
    }
}
