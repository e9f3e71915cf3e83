namespace SmsVerify.ContentModel;

// English verification and notification templates, written for this project in the style of common
// one-time-code and service messages. None is copied.
internal static partial class OwnMessages
{
    private static readonly string[] EnglishVerification =
    [
        "Your {app} verification code is {code}. It expires in {min} minutes.",
        "{code} is your {app} login code. Don't share it with anyone.",
        "Use {code} to verify your phone number on {app}.",
        "Your security code: {code}. Valid for {min} min. If you didn't request this, ignore this message.",
        "Your {app} password reset code is {code}.",
        "{app}: your one-time passcode is {code}. Never share this code, not even with {app} staff.",
        "Enter {code} to confirm your payment of ${usd} at {shop}.",
        "Your OTP for login is {code}. Do not share it with anyone.",
        "Verification code {code} for signing up to {app}. Expires in {min} minutes.",
        "Hi, use code {code} to finish linking this phone to your {app} account.",
        "{code} is your code to sign in on a new device. If this wasn't you, change your password.",
        "Your {app} code: {code}",
        "To verify your identity, enter {code}. This code is valid for {min} minutes.",
        "Your bank card ending {tail} needs confirmation. Code {code}, valid for {min} minutes.",
    ];

    private static readonly string[] EnglishNotification =
    [
        "Your order #{order} has shipped and should arrive on {dateEn}.",
        "Your package is out for delivery today. Track it in the {app} app.",
        "Reminder: your appointment with Dr {surname} is on {dateEn} at {timeEn}.",
        "Your {app} password was changed. If this wasn't you, contact support.",
        "Your bill of ${usd} is due on {dateEn}.",
        "Payment of ${usd} received. Thank you.",
        "Your card ending {tail} was charged ${usd} at {shop}.",
        "New sign-in to your {app} account from a {device}. Not you? Secure your account in the app.",
        "Flight {flight} is now boarding at gate {gate}.",
        "Your table for {n} at {shop} is booked for {timeEn} on {dateEn}.",
        "Your refund of ${usd} has been processed and will reach your card in 3-5 business days.",
        "Your driver is arriving in {min} minutes.",
        "This phone number is now linked to your {app} account.",
        "Your prescription is ready for pickup at {shop}.",
        "Your parcel was delivered to your front door at {timeEn}.",
        "Your account balance is ${usd}. Next statement date: {dateEn}.",
        "Your {app} subscription was renewed. Receipt {order} is in your account.",
        "We received your return for order #{order}. Your refund is on its way.",
        "Your two-step verification settings were updated on {dateEn}.",
        "Your repair is complete. You can collect your device from {shop} after {timeEn}.",
    ];
}
