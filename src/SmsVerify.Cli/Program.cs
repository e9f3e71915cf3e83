using SmsVerify.Cli;

return await Cli.RunAsync(args, CliHost.FromProcess());
