using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmsVerify.Server.Infrastructure.Database;

public static class JsonColumns
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Keeps a list as one JSON text column, the same on SQLite and PostgreSQL. For lists that are read and
    /// written with their row and never queried on their own (findings, document references).
    /// </summary>
    public static PropertyBuilder<List<T>> HasJsonConversion<T>(this PropertyBuilder<List<T>> property) =>
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<T>>(v, Json) ?? new List<T>(),
            new ValueComparer<List<T>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));

    /// <summary>Keeps an immutable record as one JSON text column (a document reference).</summary>
    public static PropertyBuilder<T> HasJsonRecordConversion<T>(this PropertyBuilder<T> property)
        where T : class =>
        property.HasConversion(v => JsonSerializer.Serialize(v, Json), v => JsonSerializer.Deserialize<T>(v, Json)!);
}
