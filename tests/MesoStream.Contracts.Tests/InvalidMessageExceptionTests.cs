using MesoStream.Contracts.Messaging;

namespace MesoStream.Contracts.Tests;

public class InvalidMessageExceptionTests
{
    [Fact]
    public void A_nested_error_keeps_its_prefix_through_GetBaseException_as_the_hop_unwraps_it()
    {
        var withoutCause = new InvalidMessageException("labels", "bad").Within("voxel_batch");
        var withCause = new InvalidMessageException("payload", "bad", new FormatException("arrow")).Within("voxel_batch");

        Assert.Equal("voxel_batch.labels", ((InvalidMessageException)withoutCause.GetBaseException()).Errors[0].Field);
        Assert.IsType<FormatException>(withCause.GetBaseException());
        Assert.Equal("voxel_batch.payload", withCause.Errors[0].Field);
    }

    [Fact]
    public void Field_and_message_are_bounded()
    {
        var error = new FieldError(new string('f', 10_000), new string('m', 10_000));
        Assert.Equal(FieldError.MaxFieldChars, error.Field.Length);
        Assert.Equal(FieldError.MaxMessageChars, error.Message.Length);
        Assert.EndsWith("…", error.Field);
        Assert.Equal(FieldError.MaxFieldChars, (error with { Field = new string('g', 10_000) }).Field.Length);
    }

    [Fact]
    public void Control_characters_are_escaped_so_a_report_cannot_forge_a_log_line()
    {
        var error = new FieldError("a\nb", "got \"x\r\n2026-01-01 INFO fake\"");
        Assert.Equal("a\\u000ab", error.Field);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("x\\u000d\\u000a2026", error.Message);
    }
}
