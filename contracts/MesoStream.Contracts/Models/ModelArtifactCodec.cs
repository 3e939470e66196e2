using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Vocabulary;

namespace MesoStream.Contracts.Models;

/// <summary>
/// <see cref="ModelArtifact"/> ⇄ bytes: gzip-compressed UTF-8 JSON (readable with <c>zcat | jq</c>). Doubles round-trip
/// exactly (System.Text.Json writes the shortest round-trippable form), so a decoded model predicts bit-for-bit what
/// the trainer's model predicted. Decoding checks everything a corrupt or foreign artifact could get wrong and throws
/// <see cref="InvalidMessageException"/> naming the field.
/// </summary>
public static class ModelArtifactCodec
{
    public const string ContentType = "application/json+gzip";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // A null where the artifact's types say there is none ("descriptor_ranges": null) is refused naming the field,
        // instead of surfacing later as a NullReferenceException in whoever reads the model.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static byte[] Encode(ModelArtifact artifact)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, artifact, Options);
        }

        return buffer.ToArray();
    }

    public static ModelArtifact Decode(ReadOnlySpan<byte> bytes)
    {
        ModelArtifact? artifact;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes.ToArray()), CompressionMode.Decompress);
            artifact = JsonSerializer.Deserialize<ModelArtifact>(gzip, Options);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidMessageException("artifact", "not a gzip-compressed model artifact: " + e.Message, e);
        }
        catch (JsonException e)
        {
            throw new InvalidMessageException(e.Path is { Length: > 1 } path ? "artifact" + path[1..] : "artifact", e.Message, e);
        }

        if (artifact is null)
        {
            throw new InvalidMessageException("artifact", "is JSON null");
        }

        var errors = Problems(artifact).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidMessageException(errors);
        }

        return artifact;
    }

    private static IEnumerable<FieldError> Problems(ModelArtifact artifact)
    {
        if (artifact.Schema != ModelArtifact.SchemaId)
        {
            yield return new FieldError("schema", $"unknown schema \"{artifact.Schema}\"; this reader reads \"{ModelArtifact.SchemaId}\"");
            yield break;
        }

        if (artifact.Version < 1)
        {
            yield return new FieldError("version", $"{artifact.Version} is not a model version (≥ 1)");
        }

        // Nulls inside lists are not covered by RespectNullableAnnotations (it checks properties, not elements).
        if (artifact.DescriptorRanges.Any(r => r is null))
        {
            yield return new FieldError("descriptor_ranges", "holds a null element");
            yield break;
        }

        if (artifact.Targets.Any(t => t is null || t.Features.Any(f => f is null)))
        {
            yield return new FieldError("targets", "holds a null element");
            yield break;
        }

        var descriptors = Descriptors.Names;
        if (artifact.DescriptorRanges.Count != descriptors.Count
            || artifact.DescriptorRanges.Where((r, d) => r.Descriptor != descriptors[d] || !(r.Min <= r.Max)).Any())
        {
            yield return new FieldError("descriptor_ranges", $"must be the ranges of {string.Join(", ", descriptors)} in that order, each with min ≤ max");
        }

        if (artifact.Targets.Count == 0)
        {
            yield return new FieldError("targets", "holds no target model");
        }

        foreach (var duplicate in artifact.Targets.GroupBy(t => t.Target).Where(g => g.Count() > 1))
        {
            yield return new FieldError("targets", $"\"{duplicate.Key}\" appears {duplicate.Count()} times");
        }

        for (int t = 0; t < artifact.Targets.Count; t++)
        {
            var target = artifact.Targets[t];
            var field = $"targets[{t}]";
            foreach (var unknown in target.Features.Where(name => FeatureNames.ColumnOf(name) < 0).Take(3))
            {
                yield return new FieldError(field + ".features", $"unknown feature \"{unknown}\"");
            }

            foreach (var problem in target.Predictor.Problems(target.Features.Count))
            {
                yield return new FieldError(field + ".predictor", problem);
            }

            if (target.Interval is { } interval && !(interval.Level is > 0 and < 1 && double.IsFinite(interval.HalfWidth) && interval.HalfWidth >= 0))
            {
                yield return new FieldError(field + ".interval", "level must lie in (0, 1) and the half-width be finite and ≥ 0");
            }

            if (target.Design is { } design)
            {
                foreach (var problem in design.Problems())
                {
                    yield return new FieldError(field + ".design", problem);
                }
            }

            if (target.Percolation is { } percolation)
            {
                foreach (var unknown in percolation.Features.Where(name => name is null || FeatureNames.ColumnOf(name) < 0).Take(3))
                {
                    yield return new FieldError(field + ".percolation.features", $"unknown feature \"{unknown}\"");
                }

                foreach (var problem in percolation.Logit.Problems(percolation.Features.Count))
                {
                    yield return new FieldError(field + ".percolation.logit", problem);
                }
            }
        }
    }
}
