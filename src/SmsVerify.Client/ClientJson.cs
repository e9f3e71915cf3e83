using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmsVerify.Client;

/// <summary>
/// Every shape the client reads or writes, serialized by generated code (no reflection, trimming-safe): camelCase as
/// the server writes it, and nulls left out of requests so the server's defaults apply.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StartVerificationRequest))]
[JsonSerializable(typeof(CheckVerificationBody))]
[JsonSerializable(typeof(Verification))]
[JsonSerializable(typeof(SendMessagesRequest))]
[JsonSerializable(typeof(SendResult))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(List<Message>))]
[JsonSerializable(typeof(TemplateRequest))]
[JsonSerializable(typeof(TemplatePrecheck))]
[JsonSerializable(typeof(Template))]
[JsonSerializable(typeof(List<Template>))]
[JsonSerializable(typeof(SignaturePrecheck))]
[JsonSerializable(typeof(Signature))]
[JsonSerializable(typeof(List<Signature>))]
[JsonSerializable(typeof(RegisterNumberBody))]
[JsonSerializable(typeof(SandboxNumber))]
[JsonSerializable(typeof(List<SandboxNumber>))]
[JsonSerializable(typeof(List<InboxMessage>))]
[JsonSerializable(typeof(ReplyBody))]
[JsonSerializable(typeof(InboundMessage))]
[JsonSerializable(typeof(List<InboundMessage>))]
[JsonSerializable(typeof(List<OptOut>))]
[JsonSerializable(typeof(SetWebhookRequest))]
[JsonSerializable(typeof(WebhookSettings))]
[JsonSerializable(typeof(WebhookDelivery))]
[JsonSerializable(typeof(List<WebhookDelivery>))]
[JsonSerializable(typeof(WebhookEvent))]
[JsonSerializable(typeof(List<WebhookEvent>))]
[JsonSerializable(typeof(AccountBalance))]
[JsonSerializable(typeof(CreateTenantBody))]
[JsonSerializable(typeof(CreatedTenant))]
[JsonSerializable(typeof(Tenant))]
[JsonSerializable(typeof(List<Tenant>))]
[JsonSerializable(typeof(CreateOperatorKeyBody))]
[JsonSerializable(typeof(CreatedOperatorKey))]
[JsonSerializable(typeof(List<OperatorKey>))]
[JsonSerializable(typeof(ApproveBody))]
[JsonSerializable(typeof(RejectBody))]
[JsonSerializable(typeof(ReviewItem))]
[JsonSerializable(typeof(List<ReviewItem>))]
[JsonSerializable(typeof(List<Channel>))]
[JsonSerializable(typeof(QueueDepth))]
[JsonSerializable(typeof(AuditVerification))]
internal sealed partial class ClientJson : JsonSerializerContext;
