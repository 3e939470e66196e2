using MesoStream.Contracts.Messaging;
using MesoStream.Contracts.Specs;

namespace MesoStream.Contracts.Tests;

public class StructureIdTests
{
    [Fact]
    public void A_record_key_must_be_the_payloads_id()
    {
        StructureId.RequireKey("s-1", "s-1");

        var missing = Assert.Throws<InvalidMessageException>(() => StructureId.RequireKey(null, "s-1"));
        Assert.Equal("key", missing.Errors[0].Field);
        Assert.Contains("is missing", missing.Message);

        var other = Assert.Throws<InvalidMessageException>(() => StructureId.RequireKey("s-2", "s-1"));
        Assert.Equal("key", other.Errors[0].Field);
        Assert.Contains("\"s-2\" differs from the payload's id \"s-1\"", other.Message);
    }

    [Fact]
    public void A_hostile_key_is_quoted_short_and_without_control_characters()
    {
        var error = Assert.Throws<InvalidMessageException>(() => StructureId.RequireKey("evil\n2026-01-01 fake log line" + new string('x', 100_000), "s-1"));
        Assert.DoesNotContain("\n", error.Message);
        Assert.Contains("evil\\u000a2026", error.Message);
        Assert.InRange(error.Message.Length, 1, 200);
    }
}
