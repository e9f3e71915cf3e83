using System.Data.Common;
using System.Globalization;

namespace SmsVerify.Bench;

internal sealed record BenchOptions(
    string? Postgres,
    string? Redis,
    int Requests,
    int Connections,
    int Warmup,
    bool NoBuild,
    string? ServerDll,
    string DisplayCommandLine)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/SmsVerify.Bench -- [options]
          --postgres "<npgsql connection string>"  use PostgreSQL (a fresh database is created and dropped via psql)
          --redis "<host:port>"                   use Redis
          --requests N                            requests per measured phase (default 20000)
          --connections C                         concurrent workers / keep-alive connections (default 32)
          --warmup W                              warm-up requests before each phase (default 2000)
          --no-build                              use the existing Release build of src/SmsVerify.Server
          --server-dll <path>                     run this SmsVerify.Server.dll instead (implies --no-build)
        other modes, as the first argument:
          messages   end to end, HTTP → queue → SMPP → receipt (see docs/benchmarks.md)
          compat     Alibaba SendSms against native POST /v1/messages, interleaved (compat --help)
          versus     SmsVerify against Kannel on the same SMSC, interleaved (versus --help)
          listener   esme.pl through the SMPP listener against esme.pl straight to the SMSC, interleaved (listener --help)
          content    the in-process BenchmarkDotNet benchmarks
        """;

    /// <summary>Returns null with <paramref name="error"/> null for --help, or null with an error message.</summary>
    public static BenchOptions? Parse(string[] args, out string? error)
    {
        string? postgres = null, redis = null, serverDll = null;
        int requests = 20000, connections = 32, warmup = 2000;
        bool noBuild = false;
        error = null;

        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (arg)
            {
                case "--help" or "-h":
                    return null;
                case "--no-build":
                    noBuild = true;
                    break;
                case "--postgres":
                    postgres = Value();
                    break;
                case "--redis":
                    redis = Value();
                    break;
                case "--server-dll":
                    serverDll = Value() is { } path ? Path.GetFullPath(path) : null;
                    noBuild = true;
                    break;
                case "--requests":
                    requests = ParsePositive(Value(), arg, ref error);
                    break;
                case "--connections":
                    connections = ParsePositive(Value(), arg, ref error);
                    break;
                case "--warmup":
                    warmup = ParsePositive(Value(), arg, ref error);
                    break;
                default:
                    error = $"unknown argument: {arg}";
                    return null;
            }

            if (error is not null)
            {
                return null;
            }
        }

        if (string.IsNullOrWhiteSpace(postgres) && args.Contains("--postgres"))
        {
            error = "--postgres needs a connection string";
            return null;
        }

        if (string.IsNullOrWhiteSpace(redis) && args.Contains("--redis"))
        {
            error = "--redis needs host:port";
            return null;
        }

        if (serverDll is null && args.Contains("--server-dll"))
        {
            error = "--server-dll needs a path";
            return null;
        }

        if (requests + warmup > 50_000_000)
        {
            error = "--requests + --warmup must stay below 50,000,000 (one phone number each)";
            return null;
        }

        return new BenchOptions(postgres, redis, requests, connections, warmup, noBuild, serverDll, DisplayCommand(args));
    }

    private static int ParsePositive(string? value, string name, ref string? error)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0)
        {
            return n;
        }

        error = $"{name} needs a positive integer";
        return 0;
    }

    /// <summary>The command as the user would type it, with any PostgreSQL password masked.</summary>
    internal static string DisplayCommand(string[] args)
    {
        var parts = new List<string> { "dotnet run -c Release --project bench/SmsVerify.Bench --" };
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (i > 0 && args[i - 1] == "--postgres")
            {
                arg = PostgresDatabase.MaskPassword(arg);
            }

            parts.Add(arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_.:/=+@,".Contains(c))
                ? arg
                : "\"" + arg.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
        }

        return string.Join(' ', parts);
    }
}

/// <summary>
/// A throwaway PostgreSQL database for one run. The server migrates the schema itself but cannot
/// create the database, so we do it with psql (no Npgsql package in the bench) and drop it afterwards.
/// </summary>
internal sealed class PostgresDatabase
{
    private static readonly string[] HostKeys = ["Host", "Server"];
    private static readonly string[] PortKeys = ["Port"];
    private static readonly string[] UserKeys = ["Username", "User Name", "UserId", "User Id", "User", "UID"];
    private static readonly string[] PasswordKeys = ["Password", "PSW", "PWD"];
    private static readonly string[] DatabaseKeys = ["Database", "DB"];
    private static readonly string[] SslModeKeys = ["SSL Mode", "SslMode"];

    private readonly Dictionary<string, string> psqlEnvironment;
    private readonly string maintenanceDatabase;

    private PostgresDatabase(string name, string serverConnectionString, Dictionary<string, string> psqlEnvironment, string maintenanceDatabase)
    {
        Name = name;
        ServerConnectionString = serverConnectionString;
        this.psqlEnvironment = psqlEnvironment;
        this.maintenanceDatabase = maintenanceDatabase;
    }

    public string Name { get; }

    public string ServerConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };

        // psql speaks libpq, not Npgsql's key names, so pass the essentials as PG* variables.
        var env = new Dictionary<string, string>();
        AddEnv(builder, env, "PGHOST", HostKeys);
        AddEnv(builder, env, "PGPORT", PortKeys);
        AddEnv(builder, env, "PGUSER", UserKeys);
        AddEnv(builder, env, "PGPASSWORD", PasswordKeys);
        AddEnv(builder, env, "PGSSLMODE", SslModeKeys);
        env["PGCONNECT_TIMEOUT"] = "10";
        string maintenance = Find(builder, DatabaseKeys) ?? "postgres";

        // Lower-case letters and digits only: a valid unquoted identifier.
        string name = "smsverify_bench_" + Bench.RandomKey(10).ToLowerInvariant();
        foreach (string key in DatabaseKeys)
        {
            builder.Remove(key);
        }

        builder["Database"] = name;

        var database = new PostgresDatabase(name, builder.ConnectionString, env, maintenance);
        await database.PsqlAsync($"create database {name}");
        return database;
    }

    public void Drop()
    {
        try
        {
            // FORCE: the killed server may still hold connections for a moment.
            PsqlAsync($"drop database if exists {Name} with (force)").GetAwaiter().GetResult();
            Console.WriteLine($"dropped PostgreSQL database {Name}");
        }
        catch (BenchException ex)
        {
            Console.Error.WriteLine($"warning: could not drop database {Name}: {ex.Message}");
        }
    }

    public static string MaskPassword(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (string key in PasswordKeys)
            {
                if (builder.ContainsKey(key))
                {
                    builder[key] = "***";
                }
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "<unparsable connection string>";
        }
    }

    private async Task PsqlAsync(string sql)
    {
        var (exitCode, output) = await ProcessRunner.RunAsync(
            "psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", maintenanceDatabase, "-c", sql],
            workingDirectory: null, psqlEnvironment, TimeSpan.FromSeconds(60));
        if (exitCode != 0)
        {
            throw new BenchException($"psql \"{sql}\" failed ({exitCode}): {output.Trim()}");
        }
    }

    private static void AddEnv(DbConnectionStringBuilder builder, Dictionary<string, string> env, string name, string[] keys)
    {
        if (Find(builder, keys) is { } value)
        {
            env[name] = value;
        }
    }

    private static string? Find(DbConnectionStringBuilder builder, string[] keys)
    {
        foreach (string key in keys)
        {
            if (builder.TryGetValue(key, out object? value) && value?.ToString() is { Length: > 0 } text)
            {
                return text;
            }
        }

        return null;
    }
}
