namespace SmsVerify.Server.Tests.Support;

/// <summary>A server the tests talk to through its API: in-process (<see cref="SmsVerifyApp"/>) or a child process (<see cref="ServerProcess"/>).</summary>
public interface ITestServer
{
    HttpClient Operator();

    HttpClient WithKey(string key);
}
