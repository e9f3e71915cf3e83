using Microsoft.EntityFrameworkCore.Design.Internal;
using SmsVerify.Server.Infrastructure.Database;

// Scaffolds a migration for each database engine, the way `dotnet ef migrations add` would, through EF's own
// design-time API (the dotnet-ef tool is not needed): dotnet run --project tools/SmsVerify.Migrations -- <Name>
if (args is not [var name])
{
    Console.Error.WriteLine("usage: dotnet run --project tools/SmsVerify.Migrations -- <MigrationName>");
    return 2;
}
var serverProject = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/SmsVerify.Server"));
var operations = new MigrationsOperations(
    new ConsoleReporter(), typeof(AppDbContext).Assembly, typeof(ConsoleReporter).Assembly, serverProject,
    rootNamespace: "SmsVerify.Server", language: "C#", nullable: true, args: []);
foreach (var (context, folder) in new[] { (typeof(SqliteAppDbContext), "Sqlite"), (typeof(PostgresAppDbContext), "Postgres") })
{
    var outputDir = $"Infrastructure/Database/Migrations/{folder}";
    var files = operations.AddMigration(name, outputDir, context.FullName,
        $"SmsVerify.Server.Infrastructure.Database.Migrations.{folder}", dryRun: false);
    // With no snapshot yet, EF files the new one under a folder named after its namespace: move it beside the migrations.
    var snapshot = Path.Combine(serverProject, outputDir, Path.GetFileName(files.SnapshotFile!));
    if (files.SnapshotFile != snapshot)
    {
        File.Move(files.SnapshotFile!, snapshot, overwrite: true);
        Directory.Delete(Path.Combine(serverProject, "SmsVerify"), recursive: true);
    }
    Console.WriteLine($"{folder}: {files.MigrationFile}");
}
return 0;

internal sealed class ConsoleReporter : IOperationReporter
{
    public void WriteError(string message) => Console.Error.WriteLine(message);
    public void WriteWarning(string message) => Console.WriteLine(message);
    public void WriteInformation(string message) => Console.WriteLine(message);
    public void WriteVerbose(string message) { }
}
