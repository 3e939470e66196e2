using Microsoft.Net.Http.Headers;

namespace MesoStream.Predictor.Service;

/// <summary>
/// The one content type <c>POST /predict</c> reads. A web page can send text/plain, a form or multipart to any origin
/// without a CORS preflight; application/json needs one, so refusing everything else keeps other sites' pages from
/// submitting predictions with a visitor's network position or credentials.
/// </summary>
public static class JsonContentType
{
    public const string Required = "application/json";

    public static bool Accepts(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && type.MediaType.Equals(Required, StringComparison.OrdinalIgnoreCase)
        && (type.Charset.Length == 0 || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
}
