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
/// which on SQLite already holds the write gate. On SQLite statements go in commands of at most
/// <see cref="SqliteChunkSize"/>: it binds a command's parameters statement by statement, looking each up by name,
/// so one huge command would cost time quadratic in its size. PostgreSQL takes them all in one round trip.
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

    /// <summary>
    /// Runs the statements in order and reads the first column of each one's first row (what its <c>RETURNING</c>
    /// gave), or default where it returned no row.
    /// </summary>
    public async Task<List<T?>> ReadFirstAsync<T>(Func<DbDataReader, T> read)
    {
        var results = new List<T?>(_statements.Count);
        for (var start = 0; start < _statements.Count; start += _chunkSize)
        {
            await using var command = CreateCommand(start, Math.Min(_chunkSize, _statements.Count - start));
            await using var reader = await command.ExecuteReaderAsync();
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

    private DbCommand CreateCommand(int start, int count)
    {
        var connection = db.Database.GetDbConnection();
        var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A SQL batch runs inside the caller's transaction.");
        var text = new StringBuilder();
        for (var i = start; i < start + count; i++)
        {
            var statement = _statements[i];
            var names = new object[statement.ArgumentCount];
            for (var a = 0; a < names.Length; a++)
            {
                var name = "@p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
                command.Parameters.Add(Parameter(command, name, statement.GetArgument(a)));
                names[a] = name;
            }
            text.Append(CultureInfo.InvariantCulture, $"{string.Format(CultureInfo.InvariantCulture, statement.Format, names)};\n");
        }
        command.CommandText = text.ToString();
        return command;
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
