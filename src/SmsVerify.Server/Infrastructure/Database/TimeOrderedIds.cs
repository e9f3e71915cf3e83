namespace SmsVerify.Server.Infrastructure.Database;

/// <summary>
/// Ids are UUIDv7 (<see cref="Guid.CreateVersion7()"/>): their first 48 bits are Unix milliseconds, so a time range
/// can be read as a primary-key range on the largest tables, which have no index on time alone. A row's id is made
/// after its CreatedAt is read from the same clock, so its time is never earlier, and every row created at or after a
/// time has an id at or above <see cref="Lowest"/> of it. Both stores order these ids by time: PostgreSQL compares
/// uuid bytes, and SQLite the upper-case text EF Core writes, whose first twelve hex digits are the time.
/// </summary>
public static class TimeOrderedIds
{
    /// <summary>An id no higher than any made at or after <paramref name="utc"/>: its time, then zeros.</summary>
    public static Guid Lowest(DateTime utc)
    {
        var milliseconds = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }
        return new Guid(bytes, bigEndian: true);
    }
}
