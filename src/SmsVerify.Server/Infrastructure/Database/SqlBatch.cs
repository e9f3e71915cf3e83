using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace SmsVerify.Server.Infrastructure.Database;

/// <summary>
/// Statements sent together as one command, each with its own result set: one round trip to PostgreSQL for a whole
/// batch of receipts or outcomes, and no LINQ to translate. Each statement is still its own statement, so later
/// ones see what earlier ones changed, exactly as if they had been run one by one.
/// </summary>
/// <remarks>
/// Parameters get the type mappings EF gives the same CLR values in <c>FromSql</c>, so a value is written as the
/// model writes it (a Guid as text on SQLite, a UTC timestamp on PostgreSQL). Runs inside the caller's transaction,
/// which on SQLite already holds the write gate. On SQLite each statement is a command of its own: it binds a
/// command's parameters statement by statement, looking every one of the command's up by name in each, so a command
/// of many statements costs time quadratic in its size; and a statement's command is prepared once
/// (<see cref="PreparedCommands"/>). PostgreSQL takes them all in one round trip.
/// </remarks>
internal sealed class SqlBatch(AppDbContext db)
{
    private const int SqliteChunkSize = 1;

    private readonly int _chunkSize = db is PostgresAppDbContext ? int.MaxValue : SqliteChunkSize;

    private readonly IRelationalTypeMappingSource _mappings = db.GetService<IRelationalTypeMappingSource>();
    private readonly List<FormattableString> _statements = [];

    public int Count => _statements.Count;

    /// <summary>Adds one statement; its interpolated values become parameters.</summary>
    public void Add(FormattableString statement) => _statements.Add(statement);

    /// <summary>Runs one statement that returns no rows, inside the caller's transaction; how many rows it changed.</summary>
    public static async Task<int> ExecuteAsync(AppDbContext db, FormattableString statement)
    {
        var batch = new SqlBatch(db);
        batch.Add(statement);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A SQL statement runs inside the caller's transaction.");
        await using var lease = batch.Command(transaction, 0, 1);
        return await lease.Command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Runs the statements in order and reads the first column of each one's first row (what its <c>RETURNING</c>
    /// gave), or default where it returned no row.
    /// </summary>
    public async Task<List<T?>> ReadFirstAsync<T>(Func<DbDataReader, T> read)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A SQL batch runs inside the caller's transaction.");
        var results = new List<T?>(_statements.Count);
        for (var start = 0; start < _statements.Count; start += _chunkSize)
        {
            await using var lease = Command(transaction, start, Math.Min(_chunkSize, _statements.Count - start));
            await using var reader = await lease.Command.ExecuteReaderAsync();
            do
            {
                results.Add(await reader.ReadAsync() ? read(reader) : default);
                while (await reader.ReadAsync())
                {
                }
            }
            while (await reader.NextResultAsync());
        }
        if (results.Count != _statements.Count)
        {
            throw new InvalidOperationException($"{_statements.Count} statements gave {results.Count} result sets; every statement must return columns.");
        }
        return results;
    }

    private PreparedCommands.Lease Command(DbTransaction transaction, int start, int count)
    {
        var names = new List<object>();
        var text = new StringBuilder();
        for (var i = start; i < start + count; i++)
        {
            var statement = _statements[i];
            var first = names.Count;
            for (var a = 0; a < statement.ArgumentCount; a++)
            {
                names.Add("@p" + names.Count.ToString(CultureInfo.InvariantCulture));
            }
            text.Append(CultureInfo.InvariantCulture, $"{string.Format(CultureInfo.InvariantCulture, statement.Format, names.GetRange(first, statement.ArgumentCount).ToArray())};\n");
        }
        // The same statements make the same text, so on SQLite the command and its parsed statements are reused.
        var lease = PreparedCommands.For(transaction, text.ToString());
        var command = lease.Command;
        var n = 0;
        for (var i = start; i < start + count; i++)
        {
            var statement = _statements[i];
            for (var a = 0; a < statement.ArgumentCount; a++)
            {
                command.Parameters.Add(Parameter(command, (string)names[n++], statement.GetArgument(a)));
            }
        }
        return lease;
    }

    private DbParameter Parameter(DbCommand command, string name, object? value)
    {
        if (value is null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = DBNull.Value;
            return parameter;
        }
        var mapping = _mappings.FindMapping(value.GetType())
            ?? throw new InvalidOperationException($"No database type for {value.GetType()}.");
        return mapping.CreateParameter(command, name, value, nullable: true);
    }
}
