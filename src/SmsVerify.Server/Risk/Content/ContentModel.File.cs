using System.Text;

namespace SmsVerify.Server.Risk.Content;

// The model file: "SVCM", the feature version and shape, the class names, the biases, then the weights bucket by
// bucket as half-precision floats. Half precision halves the file (1.5 MB instead of 3) and moves a probability by
// well under 0.01, which the agreement test with ML.NET bounds.
public sealed partial class ContentModel
{
    private static readonly byte[] Magic = "SVCM"u8.ToArray();

    public const string ResourceName = "content-model.bin";

    // One copy per process: 3 MB of weights that never change, however many hosts (tests start many) use it.
    private static readonly Lazy<ContentModel> BuiltInModel = new(LoadBuiltIn);

    /// <summary>The model compiled into the server (<c>Risk/Content/content-model.bin</c>).</summary>
    public static ContentModel BuiltIn => BuiltInModel.Value;

    private static ContentModel LoadBuiltIn()
    {
        using var stream = typeof(ContentModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The built-in {ResourceName} is missing from the server assembly.");
        return Read(stream);
    }

    public static ContentModel Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException("This is not a content model file.");
        }
        var (version, bits, order) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        if (version != CharGrams.Version || bits != CharGrams.Bits || order != CharGrams.MaxOrder)
        {
            throw new InvalidDataException($"The content model was built for features v{version} ({bits} bits, grams up to {order}); "
                + $"this server computes v{CharGrams.Version} ({CharGrams.Bits} bits, up to {CharGrams.MaxOrder}). Retrain it with tools/SmsVerify.ContentModel.");
        }
        var labels = new string[reader.ReadInt32()];
        for (var c = 0; c < labels.Length; c++)
        {
            labels[c] = reader.ReadString();
        }
        var biases = new float[labels.Length];
        for (var c = 0; c < biases.Length; c++)
        {
            biases[c] = reader.ReadSingle();
        }
        var weights = new float[CharGrams.Buckets * labels.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)reader.ReadHalf();
        }
        return new ContentModel(labels, biases, weights);
    }

    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(CharGrams.Version);
        writer.Write(CharGrams.Bits);
        writer.Write(CharGrams.MaxOrder);
        writer.Write(Labels.Count);
        foreach (var label in Labels)
        {
            writer.Write(label);
        }
        foreach (var bias in _biases)
        {
            writer.Write(bias);
        }
        foreach (var weight in _weights)
        {
            writer.Write((Half)weight);
        }
    }
}
