using System.Collections.Frozen;

namespace SmsVerify.Server.Infrastructure.Problems;

/// <summary>Every problem the API answers with. Codes are part of the API contract: never rename one.</summary>
public static class ProblemTypes
{
    public static readonly ProblemType InvalidBody = new("invalid_body", 400, "The request body could not be read",
        "The body is not JSON, does not match the endpoint's shape, or a value has the wrong JSON type.");
    public static readonly ProblemType InvalidArgument = new("invalid_argument", 400, "A field has an invalid value",
        "A field is missing, too long, or outside its allowed range. The `field` member names it.");
    public static readonly ProblemType ParameterInvalid = new("parameter_invalid", 400, "A template parameter is not allowed",
        "A value does not fit its variable's type (a code of letters and digits, no 【】, bounded length). `variable` and `rule` name it; nothing was sent. A link, contact number or advertisement in a value is `content_rejected`.");
    public static readonly ProblemType InvalidPhone = new("invalid_phone", 400, "The phone number is not valid",
        "The number could not be parsed as a valid mobile number (default region CN; E.164, 00-prefixed and national forms are accepted). An extension, letters or anything else after the number is refused, never cut off.");
    public static readonly ProblemType CaptchaInvalid = new("captcha_invalid", 400, "The captcha is not valid",
        "The `captcha` payload is malformed, not signed by this server, not solved, expired, issued for another tenant, or already used; `reason` says which. Solve a new challenge.");
    public static readonly ProblemType Unauthorized = new("unauthorized", 401, "An API key is required",
        "Send a valid key as `Authorization: Bearer <key>`.");
    public static readonly ProblemType InsufficientBalance = new("insufficient_balance", 402, "The balance does not cover this send",
        "Sends to real numbers are paid from the tenant's prepaid balance, per segment. Nothing was queued; an operator tops up with POST /v1/tenants/{id}/balance.");
    public static readonly ProblemType DailySpendCapReached = new("daily_spend_cap_reached", 402, "Today's spend cap is reached",
        "The send would take the tenant's spend for the day (China time, Asia/Shanghai) past its daily cap. Nothing was queued; `Retry-After` says when the next day starts, `dailyLimit` and `spentToday` (yuan) say where it stands. An operator sets the cap with PUT /v1/tenants/{id}/spend-cap.");
    public static readonly ProblemType Forbidden = new("forbidden", 403, "This key may not do that",
        "The key is valid but its role does not allow this operation (for example a tenant key on an operator endpoint).");
    public static readonly ProblemType TenantSuspended = new("tenant_suspended", 403, "The tenant is suspended",
        "An operator suspended your tenant: your keys still sign in and read, but every send (verifications and messages, through every API) is refused until the operator resumes it. Nothing was sent or charged.");
    public static readonly ProblemType SandboxNumberRequired = new("sandbox_number_required", 403, "The recipient is not one of your test numbers",
        "In sandbox mode, and with the built-in sandbox signature and template, messages go only to the tenant's registered test numbers.");
    public static readonly ProblemType CaptchaRequired = new("captcha_required", 403, "A solved captcha is required",
        "The tenant's captcha policy asks for one with this request (`always`, or `on-risk` when the request's risk is raised). Send the ALTCHA widget's payload as `captcha`.");
    public static readonly ProblemType NumberBlockBlocked = new("number_block_blocked", 403, "Sending to this number block is blocked",
        "Sends from your tenant to this number block (the first 7 digits of a Chinese mobile number) showed toll-fraud pumping: many codes, almost none entered. `block` and `blockId` name it; GET /v1/risk/blocks lists your blocks and DELETE /v1/risk/blocks/{id} lifts one. Test numbers are never blocked.");
    public static readonly ProblemType NotFound = new("not_found", 404, "Not found",
        "No resource at this path, or it belongs to another tenant.");
    public static readonly ProblemType TenantNotFound = new("tenant_not_found", 404, "Tenant not found", "No tenant has this id.");
    public static readonly ProblemType ApiKeyNotFound = new("api_key_not_found", 404, "API key not found", "No key with this id that you may manage.");
    public static readonly ProblemType ApiCredentialNotFound = new("api_credential_not_found", 404, "API credential not found",
        "Your tenant has no vendor API credential with this id, or it is already revoked.");
    public static readonly ProblemType SandboxNumberNotFound = new("sandbox_number_not_found", 404, "Test number not found",
        "This number is not one of your tenant's test numbers.");
    public static readonly ProblemType VerificationNotFound = new("verification_not_found", 404, "Verification not found",
        "Your tenant has no verification with this id, or none to this number.");
    public static readonly ProblemType QualificationNotFound = new("qualification_not_found", 404, "Qualification not found",
        "Your tenant has no qualification with this id.");
    public static readonly ProblemType DocumentNotFound = new("document_not_found", 404, "Document not found",
        "The submission has no document in this field (a rejected submission keeps none).");
    public static readonly ProblemType ReviewItemNotFound = new("review_item_not_found", 404, "Review item not found", "No review item has this id.");
    public static readonly ProblemType ApplicationNotFound = new("application_not_found", 404, "Landing application not found",
        "Your tenant has no landing application with this id.");
    public static readonly ProblemType WebhookNotConfigured = new("webhook_not_configured", 404, "No webhook is configured",
        "Set one with `PUT /v1/webhooks` first.");
    public static readonly ProblemType RateLimitNotFound = new("rate_limit_not_found", 404, "Rate limit not found",
        "Your tenant has defined no rate limit with this key.");
    public static readonly ProblemType RiskBlockNotFound = new("risk_block_not_found", 404, "Block not found",
        "No number block has this id, or it belongs to another tenant.");
    public static readonly ProblemType BreakerNotFound = new("breaker_not_found", 404, "Breaker not found", "No circuit breaker has this id.");
    public static readonly ProblemType OperatorNotFound = new("operator_not_found", 404, "Operator not found", "No operator account has this id.");
    public static readonly ProblemType IncidentNotFound = new("incident_not_found", 404, "Incident not found", "No risk incident has this id.");
    public static readonly ProblemType SmppAccountNotFound = new("smpp_account_not_found", 404, "SMPP account not found",
        "Your tenant has no SMPP account with this id.");
    public static readonly ProblemType MethodNotAllowed = new("method_not_allowed", 405, "Method not allowed", "The path exists but not with this HTTP method.");
    public static readonly ProblemType VerificationNotPending = new("verification_not_pending", 409, "The verification is no longer pending",
        "It was approved, canceled, expired or ran out of check attempts; `verificationStatus` says which. Start a new verification.");
    public static readonly ProblemType RiskBlockNotActive = new("risk_block_not_active", 409, "The block is no longer in force",
        "It was lifted already or has expired; `blockStatus` says which.");
    public static readonly ProblemType OperatorExists = new("operator_exists", 409, "The user name is taken",
        "Another operator account has this user name.");
    public static readonly ProblemType OperatorSelfChange = new("operator_self_change", 409, "You may not disable or demote yourself",
        "An admin cannot disable their own account or take away their own admin role, so no one locks themself out by mistake; another admin can.");
    public static readonly ProblemType OperatorLastAdmin = new("operator_last_admin", 409, "The last admin stays",
        "This is the last enabled admin account: disabling it or changing its role would leave no one to manage the console. Make another admin first.");
    public static readonly ProblemType TenantUserExists = new("tenant_user_exists", 409, "The address is taken",
        "A person with this e-mail address already signs in to SmsVerify; each address belongs to one tenant.");
    public static readonly ProblemType TenantUserNotFound = new("tenant_user_not_found", 404, "Person not found",
        "No person of your tenant has this id.");
    public static readonly ProblemType TenantUserSelfChange = new("tenant_user_self_change", 409, "You may not disable or demote yourself",
        "No one locks themself out by mistake: another owner can.");
    public static readonly ProblemType TenantLastOwner = new("tenant_last_owner", 409, "The last owner stays",
        "This is the tenant's last enabled owner: make another owner first.");
    public static readonly ProblemType InvitationInvalid = new("invitation_invalid", 404, "The invitation is not valid",
        "The link was used already, revoked, or has expired: ask for a new one.");
    public static readonly ProblemType SecondFactorRequired = new("second_factor_required", 409, "Your tenant requires the second factor",
        "An owner requires every person of the tenant to sign in with an authenticator code, so it cannot be turned off.");
    public static readonly ProblemType SecondFactorCodeWrong = new("second_factor_code_wrong", 400, "The code is wrong",
        "Type the six digits your authenticator app shows now.");
    public static readonly ProblemType SandboxNumberExists = new("sandbox_number_exists", 409, "The test number is already registered",
        "Delete it first to register it again with another fixed code.");
    public static readonly ProblemType SandboxNumberLimit = new("sandbox_number_limit", 409, "Too many test numbers",
        "A tenant may register a limited number of test numbers (20 by default). Delete one first.");
    public static readonly ProblemType QualificationExists = new("qualification_exists", 409, "A qualification is already under review or approved",
        "Only a rejected qualification can be resubmitted.");
    public static readonly ProblemType ReviewItemNotPending = new("review_item_not_pending", 409, "The item was already decided",
        "Another auditor approved or rejected it first, or it was never pending.");
    public static readonly ProblemType LegalRepVerificationRequired = new("legal_rep_verification_required", 409, "Real-person verification needed first",
        "A high-risk qualification is approved only after its legal representative passes a real-person verification.");
    public static readonly ProblemType RealPersonVerificationRequired = new("real_person_verification_required", 409, "Real-person verification needed first",
        "A personal qualification is approved only after its holder passes a real-person verification; `POST /v1/qualifications/{id}/real-person`.");
    public static readonly ProblemType RealPersonProviderUnavailable = new("real_person_provider_unavailable", 409, "This real-person provider is not available",
        "The provider is unknown, or not open to this tenant (the sandbox provider serves sandbox tenants only, where the operator enabled it).");
    public static readonly ProblemType QualificationNotPending = new("qualification_not_pending", 409, "The qualification is not under review",
        "Real-person verification is done for a qualification under review; a decided one needs a new submission.");
    public static readonly ProblemType QualificationNotApproved = new("qualification_not_approved", 409, "The qualification is not approved yet",
        "A landing application is approved only after the qualification whose subject it names.");
    public static readonly ProblemType ApplicationNotResubmittable = new("application_not_resubmittable", 409, "Only a rejected application can be resubmitted",
        "`replaces` must name a rejected application of yours that has not been resubmitted yet.");
    public static readonly ProblemType QualificationRequired = new("qualification_required", 409, "A qualification is needed first",
        "Landing applications are checked against the tenant's qualification; submit one first.");
    public static readonly ProblemType BreakerNotOpen = new("breaker_not_open", 409, "The breaker is not open",
        "It was already reset (by another officer, or earlier); a breaker is reset once.");
    public static readonly ProblemType BreakerAlreadyOpen = new("breaker_already_open", 409, "A breaker is already open there",
        "An open breaker already stops this scope and target (`breakerId`); one is enough, and resetting it is what lets sending resume.");
    public static readonly ProblemType IncidentNotOpen = new("incident_not_open", 409, "The incident is closed already",
        "It was closed earlier (by an officer, a breaker reset, a lifted or expired block); an incident is closed once.");
    public static readonly ProblemType IdempotencyKeyInUse = new("idempotency_key_in_use", 409, "A request with this Idempotency-Key is in progress",
        "Another request with the same key has not finished yet. Retry shortly to get its answer.");
    public static readonly ProblemType LastApiKey = new("last_api_key", 409, "This is the last key of its kind",
        "Create another key before deleting this one (a tenant's last key, or the last admin key), or its owner is locked out.");
    public static readonly ProblemType TooManyApiCredentials = new("too_many_api_credentials", 409, "Too many API credentials",
        "A tenant holds at most 20 vendor API credentials in force. Revoke one first.");
    public static readonly ProblemType TooManyRateLimitKeys = new("too_many_rate_limit_keys", 409, "Too many rate-limit keys",
        "A tenant defines at most 10 rate-limit keys. Delete one first, or combine values into one key.");
    public static readonly ProblemType SmppSystemIdTaken = new("smpp_system_id_taken", 409, "The system_id is taken",
        "Every SMPP account on the platform has its own `systemId`, since a bind names nothing else. Choose another.");
    public static readonly ProblemType TooManySmppAccounts = new("too_many_smpp_accounts", 409, "Too many SMPP accounts",
        "A tenant holds at most 20 SMPP accounts. Delete one first.");
    public static readonly ProblemType BodyTooLarge = new("body_too_large", 413, "The request body is too large",
        "Request bodies are limited (64 KiB by default).");
    public static readonly ProblemType RequestTimeout = new("request_timeout", 408, "The request body came too slowly",
        "The body did not arrive at the minimum rate the server waits for; nothing was changed. Send it again.");
    public static readonly ProblemType UriTooLong = new("uri_too_long", 414, "The request target is too long",
        "The path and query are limited to 8 KiB. Send long input in the body.");
    public static readonly ProblemType HeadersTooLarge = new("headers_too_large", 431, "The request headers are too large",
        "The request's headers are limited to 32 KiB in all.");
    public static readonly ProblemType UnsupportedMediaType = new("unsupported_media_type", 415, "Unsupported media type",
        "The body is not of the media type the endpoint reads: `application/json` for most, `multipart/form-data` for uploads, a form for the vendor-compatible APIs that take one; `detail` says which.");
    public static readonly ProblemType SignatureNotFound = new("signature_not_found", 422, "Unknown signature",
        "No approved signature has this name for your tenant. Only approved signatures send; test numbers also take the built-in sandbox signature.");
    public static readonly ProblemType TemplateNotFound = new("template_not_found", 422, "Unknown template",
        "No approved template has this code for your tenant. Only approved templates send; test numbers also take the built-in sandbox template.");
    public static readonly ProblemType AppHashNotApproved = new("app_hash_not_approved", 422, "The app hash is not one of your approved apps'",
        "A verification's `appHash` (Twilio: `AppHash`) must be registered on one of your approved app landing applications (`PUT /v1/applications/{id}/app-hashes`), and on the application the template is tied to, if it is tied to one. Nothing was sent.");
    public static readonly ProblemType TemplateTypeMismatch = new("template_type_mismatch", 422, "The template does not fit this send",
        "Verifications send verification templates only, and a signature approved for verification codes signs nothing else.");
    public static readonly ProblemType SignatureRequired = new("signature_required", 422, "An approved signature and template are required",
        "Messages to real numbers carry one of your approved signatures and templates; the built-in sandbox ones reach test numbers only.");
    public static readonly ProblemType MarketingWindowClosed = new("marketing_window_closed", 422, "Marketing messages are not sent now",
        "Marketing messages go out only between 08:00 and 20:00 China time. `Retry-After` says when the window opens.");
    public static readonly ProblemType IdempotencyKeyReused = new("idempotency_key_reused", 422, "This Idempotency-Key was used for another request",
        "An Idempotency-Key names one request for 24 hours; the same key with a different body is refused. Use a new key for a new request.");
    public static readonly ProblemType ContentRejected = new("content_rejected", 422, "The message content does not fit its template",
        "A value adds what the template's approved type does not allow: marketing wording or a classifier verdict of marketing in a verification or notification, a banned industry's term, a link or contact number in a variable, or spam and fraud anywhere. `reasons` lists each with its `code`, `message` and `variable`. Nothing was sent or charged; the refusal is counted as a violation, and repeated violations suspend sending (`sending_suspended`).");
    public static readonly ProblemType SendingSuspended = new("sending_suspended", 423, "Sending is suspended",
        "A circuit breaker opened after repeated content violations: on this template, this signature, or the whole tenant (`scope`, `key`, `breakerId`). Every send in that scope is refused until a risk officer reviews the incident and resets the breaker. Nothing was sent or charged.");
    public static readonly ProblemType ResendTooSoon = new("resend_too_soon", 429, "Wait before sending the code again",
        "A verification to this number is pending and its code was sent moments ago. `Retry-After` says when a resend is allowed.");
    public static readonly ProblemType RateLimited = new("rate_limited", 429, "Too many messages to this number",
        "A frequency limit for this tenant and number is reached. `limit` and `windowSeconds` name the window; `Retry-After` says when it frees up.");
    public static readonly ProblemType RecipientRateLimited = new("recipient_rate_limited", 429, "Too many messages to this number from the platform",
        "The platform's limit per number across all tenants is reached (20 an hour, 40 a day by default), which stops SMS bombing through many senders. `limit` and `windowSeconds` name the window; `Retry-After` says when it frees up.");
    public static readonly ProblemType RateLimitExceeded = new("rate_limit_exceeded", 429, "A rate limit of yours is reached",
        "A bucket of one of your rate limits (`POST /v1/rate-limits`) is full for the value sent in `rateLimits`. `key`, `limit` and `windowSeconds` name it; `Retry-After` says when it frees up.");
    public static readonly ProblemType VerificationLocked = new("verification_locked", 429, "The number is locked after too many wrong codes",
        "Too many wrong codes were checked for this number (20 in 24 hours by default, across resends and new codes); sends and checks for it are refused until `Retry-After`.");
    public static readonly ProblemType MaxCheckAttempts = new("max_check_attempts", 429, "Too many wrong codes",
        "This was the last allowed check attempt; the verification is over. Start a new one.");
    public static readonly ProblemType WebhookTestTooSoon = new("webhook_test_too_soon", 429, "Too many test events",
        "A tenant sends at most 5 test events a minute (`POST /v1/webhooks/test`, or the console's button). `Retry-After` says when the next one may go.");
    public static readonly ProblemType InternalError = new("internal_error", 500, "Internal error", "Something failed on the server. It is logged; nothing was changed.");
    public static readonly ProblemType StoreUnavailable = new("store_unavailable", 503, "A store is unavailable",
        "The database or the limits store did not answer. Retry later.");
    public static readonly ProblemType LimitsUnavailable = new("limits_unavailable", 503, "The limits store is unavailable",
        "Checks need the failed-check counters, which live in the limits store (Redis), and it did not answer; nothing was checked. Retry later.");

    public static readonly FrozenDictionary<string, ProblemType> ByCode = typeof(ProblemTypes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(ProblemType))
        .Select(f => (ProblemType)f.GetValue(null)!)
        .ToFrozenDictionary(t => t.Code);

    /// <summary>Problems written by the framework itself (status code pages, auth) get the code for their status.</summary>
    public static ProblemType? ForStatus(int status) => status switch
    {
        400 => InvalidBody,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        408 => RequestTimeout,
        413 => BodyTooLarge,
        414 => UriTooLong,
        415 => UnsupportedMediaType,
        431 => HeadersTooLarge,
        500 => InternalError,
        503 => StoreUnavailable,
        _ => null,
    };

    public static ApiError NotAMobileNumber(string? input) => InvalidPhone.With($"'{Echo.Truncate(input)}' is not a valid mobile number.");

    public static ApiError Invalid(string field, string detail) =>
        InvalidArgument.With(detail) with { Extensions = new Dictionary<string, object?> { ["field"] = field } };
}
