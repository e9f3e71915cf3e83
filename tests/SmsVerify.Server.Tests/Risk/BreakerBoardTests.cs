using SmsVerify.Server.Risk.Breakers;

namespace SmsVerify.Server.Tests.Risk;

public sealed class BreakerBoardTests
{
    private static readonly Guid Tenant = Guid.NewGuid();

    private static OpenBreaker Breaker(BreakerScope scope, string key) => new(Guid.NewGuid(), Tenant, scope, key, DateTime.UtcNow);

    [Fact]
    public void Find_NamesTheWidestOpenScope()
    {
        var board = new BreakerBoard();
        board.Opened(Breaker(BreakerScope.Template, "SMS_1"));
        Assert.Equal(BreakerScope.Template, board.Find(Tenant, "某某", "SMS_1")?.Scope);
        Assert.Null(board.Find(Tenant, "某某", "SMS_2"));
        Assert.Null(board.Find(Guid.NewGuid(), "某某", "SMS_1"));

        board.Opened(Breaker(BreakerScope.Signature, "某某"));
        board.Opened(Breaker(BreakerScope.Tenant, ""));

        Assert.Equal(BreakerScope.Tenant, board.Find(Tenant, "某某", "SMS_1")?.Scope);
    }

    [Fact]
    public void Reload_StartedBeforeALocalTrip_DoesNotUndoIt()
    {
        var board = new BreakerBoard();
        var readAt = board.Version;
        var tripped = Breaker(BreakerScope.Template, "SMS_1");
        board.Opened(tripped);

        Assert.False(board.Replace([], readAt));
        Assert.NotNull(board.Find(Tenant, "某某", "SMS_1"));
        Assert.True(board.Replace([tripped], board.Version));
        board.Closed(tripped.Id);
        Assert.Null(board.Find(Tenant, "某某", "SMS_1"));
    }
}
