using MesoStream.Contracts.Messaging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MesoStream.Cli;

/// <summary>
/// Exit codes scripts can trust: 0 success, 1 runtime failure, 2 usage or invalid input (a bad flag, a spec or volume
/// that breaks its contract), 130 interrupted. Errors go to stderr as one readable message, never a stack trace.
/// </summary>
internal static class CliExit
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int InvalidInput = 2;
    public const int Interrupted = 130;

    public static int Run(CommandApp app, string[] args)
    {
        try
        {
            return app.Run(args);
        }
        catch (CommandParseException e)
        {
            return Report(InvalidInput, e.Message);
        }
        catch (CommandRuntimeException e)
        {
            return Report(InvalidInput, e.Message);
        }
        catch (InvalidMessageException e)
        {
            return Report(InvalidInput, e.Errors.Count == 1
                ? e.Message
                : $"{e.Errors.Count} errors:\n" + string.Join("\n", e.Errors.Select(x => $"  {x.Field}: {x.Message}")));
        }
        catch (ArgumentException e)
        {
            return Report(InvalidInput, e.Message);
        }
        catch (OperationCanceledException)
        {
            return Interrupted;
        }
        catch (Exception e)
        {
            return Report(Failure, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static int Report(int code, string message)
    {
        var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        stderr.MarkupLineInterpolated($"[red]error:[/] {message}");
        return code;
    }
}
