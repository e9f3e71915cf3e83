using System.Text.Json;
using System.Text.Json.Serialization;
using SmsVerify.Cli.Commands;
using SmsVerify.Cli.Profiles;

namespace SmsVerify.Cli;

/// <summary>The command's own shapes (the config file, and what a few commands print), by generated code like the client's.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CliConfig))]
[JsonSerializable(typeof(List<ProfileRow>))]
[JsonSerializable(typeof(ProblemRow))]
[JsonSerializable(typeof(ChannelsStatus))]
[JsonSerializable(typeof(AuditExported))]
[JsonSerializable(typeof(ExportedRecord))]
[JsonSerializable(typeof(ExportVerification))]
internal sealed partial class CliJson : JsonSerializerContext;
