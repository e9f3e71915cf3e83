using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace SmsVerify.Server.Infrastructure.Database;

/// <summary>
/// Inserts many new rows of one entity as multi-row <c>INSERT … VALUES (…), (…)</c> statements, inside the caller's
/// transaction. For the hot inserts (a send's messages, a batch's parts): <c>SaveChanges</c> tracks every entity,
/// generates a statement per row and allocates as it goes, which made the API's inserts the busiest part of the
/// single writer. The columns, their order and every value's conversion come from the EF model, so the rows are
/// exactly what <c>SaveChanges</c> would have written. The entities are not tracked.
/// </summary>
internal static class RowInserts
{
    // PostgreSQL takes up to 65,535 parameters a statement. SQLite finds each parameter by name in a list of the
    // statement's names, so binding costs the square of their number: there short statements are faster, and with
    // their texts prepared once (PreparedCommands) a statement more costs little.
    private const int MaxParametersPostgres = 4000;
    private const int MaxParametersSqlite = 100;

    private static readonly ConcurrentDictionary<(Type, IModel), Shape> Shapes = new();

    public static Task InsertAsync<T>(AppDbContext db, IReadOnlyList<T> rows) where T : class => InsertAsync(db, typeof(T), rows);

    /// <summary>Inserts <paramref name="rows"/>, every one an entity of <paramref name="type"/>.</summary>
    public static async Task InsertAsync(AppDbContext db, Type type, IReadOnlyList<object> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var shape = Shapes.GetOrAdd((type, db.Model), key => Shape.Of(key.Item2.FindEntityType(key.Item1)!));
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Rows are inserted inside the caller's transaction.");
        var perStatement = Math.Max(1, (db is PostgresAppDbContext ? MaxParametersPostgres : MaxParametersSqlite) / shape.Properties.Length);
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var count = Math.Min(perStatement, rows.Count - start);
            await using var lease = PreparedCommands.For(transaction, shape.Text(count));
            var command = lease.Command;
            for (var r = 0; r < count; r++)
            {
                for (var c = 0; c < shape.Properties.Length; c++)
                {
                    var name = ParameterName(command.Parameters.Count);
                    var property = shape.Properties[c];
                    command.Parameters.Add(shape.Mappings[c].CreateParameter(command, name, property.GetGetter().GetClrValue(rows[start + r]), property.IsNullable));
                }
            }
            await command.ExecuteNonQueryAsync();
        }
    }

    private static readonly string[] Names = [.. Enumerable.Range(0, MaxParametersPostgres).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture))];

    private static string ParameterName(int index) => Names[index];

    /// <summary>The table's columns as the model maps them, and the statement's start.</summary>
    private sealed record Shape(IProperty[] Properties, RelationalTypeMapping[] Mappings, string Insert)
    {
        private readonly ConcurrentDictionary<int, string> _texts = new();

        /// <summary>The INSERT of <paramref name="rows"/> rows, made once per row count.</summary>
        public string Text(int rows) => _texts.GetOrAdd(rows, count =>
        {
            var text = new StringBuilder(Insert, Insert.Length + (count * Properties.Length * 8));
            for (var r = 0; r < count; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < Properties.Length; c++)
                {
                    text.Append(c == 0 ? "" : ", ").Append(ParameterName((r * Properties.Length) + c));
                }
                text.Append(')');
            }
            return text.ToString();
        });

        public static Shape Of(IEntityType entity)
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            // A key the database numbers (an identity column) is left to it, as SaveChanges does.
            var properties = entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long))).ToArray();
            var columns = string.Join(", ", properties.Select(p => "\"" + p.GetColumnName(table) + "\""));
            return new Shape(properties, [.. properties.Select(p => p.GetRelationalTypeMapping())], $"INSERT INTO \"{table.Name}\" ({columns}) VALUES ");
        }
    }
}
