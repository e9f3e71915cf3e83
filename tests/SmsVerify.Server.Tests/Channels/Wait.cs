namespace SmsVerify.Server.Tests.Channels;

/// <summary>Failure guards only: nothing here asserts how fast something happens, just that it does not hang.</summary>
internal static class Wait
{
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    public static Task Until(Func<bool> condition, string what) => Until(() => Task.FromResult(condition()), what);

    public static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"gave up waiting for: {what}");
            }
            await Task.Delay(10);
        }
    }
}
