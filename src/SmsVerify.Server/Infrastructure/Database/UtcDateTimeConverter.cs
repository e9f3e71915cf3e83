using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SmsVerify.Server.Infrastructure.Database;

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
