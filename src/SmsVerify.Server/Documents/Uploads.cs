namespace SmsVerify.Server.Documents;

public static class Uploads
{
    /// <summary>
    /// An uploaded file's bytes, for the few places that need them whole (a real-person provider gets the media
    /// once). The request size limit of the endpoint bounds how much this reads.
    /// </summary>
    public static async Task<byte[]> ReadAllAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
        await using (var upload = file.OpenReadStream())
        {
            await upload.CopyToAsync(buffer, cancellationToken);
        }
        return buffer.ToArray();
    }
}
