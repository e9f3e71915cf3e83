using System.CommandLine;
using System.Net;
using SmsVerify.Cli.Commands;
using SmsVerify.Client;

namespace SmsVerify.Cli;

/// <summary>The command tree, and the one place that turns every outcome into an exit code (see <see cref="ExitCodes"/>).</summary>
public static class Cli
{
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken = default)
    {
        var root = Build(host);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await host.Error.WriteLineAsync($"smsverify: {error.Message}");
            }
            await host.Error.WriteLineAsync("Run 'smsverify --help' for usage.");
            return ExitCodes.Usage;
        }
        var configuration = new InvocationConfiguration { Output = host.Out, Error = host.Error };
        if (!host.HandlesCtrlC)
        {
            configuration.ProcessTerminationTimeout = null;
        }
        return await parsed.InvokeAsync(configuration, cancellationToken);
    }

    public static RootCommand Build(CliHost host)
    {
        var root = new RootCommand("smsverify: drive an SmsVerify server from the command line.")
        {
            GlobalOptions.Profile, GlobalOptions.Server, GlobalOptions.Key, GlobalOptions.Json,
        };
        foreach (var command in new[]
        {
            ProfileCommands.Build(host), TenantCommands.Build(host), KeyCommands.Build(host), ReviewCommands.Build(host),
            TemplateCommands.Build(host), SendCommands.Build(host), VerifyCommands.Build(host), SandboxCommands.Build(host),
            ChannelCommands.Build(host), AuditCommands.Build(host),
        })
        {
            root.Add(command);
        }
        return root;
    }

    /// <summary>Gives <paramref name="command"/> its action, run with a context and every failure mapped to its exit code.</summary>
    internal static Command Runs(this Command command, CliHost host, Func<CliContext, Task<int>> action)
    {
        command.SetAction((parse, cancellationToken) => InvokeAsync(host, parse, action, cancellationToken));
        return command;
    }

    private static async Task<int> InvokeAsync(CliHost host, ParseResult parse, Func<CliContext, Task<int>> action, CancellationToken cancellationToken)
    {
        var context = new CliContext(host, parse, cancellationToken);
        try
        {
            return await action(context);
        }
        catch (UsageException e)
        {
            await host.Error.WriteLineAsync($"smsverify: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (SmsVerifyProblemException problem)
        {
            context.WriteProblem(problem);
            return problem.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? ExitCodes.Unreachable : ExitCodes.Problem;
        }
        catch (HttpRequestException e)
        {
            await host.Error.WriteLineAsync($"smsverify: cannot reach {context.ServerName}: {e.Message}");
            return ExitCodes.Unreachable;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await host.Error.WriteLineAsync($"smsverify: {context.ServerName} did not answer in time.");
            return ExitCodes.Unreachable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C: the shell's convention, 128 + SIGINT.
            return 130;
        }
    }
}
