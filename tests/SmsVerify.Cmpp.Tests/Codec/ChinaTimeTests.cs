using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Cmpp.Tests.Codec;

public sealed class ChinaTimeTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        // A server in another zone: what CMPP carries must not depend on it.
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.CreateCustomTimeZone("UTC-5", TimeSpan.FromHours(-5), "UTC-5", "UTC-5");
    }

    [Fact]
    public void TheConnectTimestamp_IsBeijingTime_WhateverZoneTheServerRunsIn()
    {
        // 20:30:15 UTC on 6 December is 04:30:15 on 7 December in Beijing.
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 6, 20, 30, 15, TimeSpan.Zero));

        Assert.Equal(new DateTime(2026, 12, 7, 4, 30, 15), ChinaTime.Now(clock));
        Assert.Equal(1207043015u, Authenticator.Timestamp(ChinaTime.Now(clock)));
    }
}
