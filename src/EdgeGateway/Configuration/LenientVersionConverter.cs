using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.Configuration;

/// <summary>Reads HTTP versions the way YARP's own configuration does: "2" means 2.0.</summary>
internal sealed class LenientVersionConverter : JsonConverter<Version>
{
    public override Version Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.Number ? reader.GetDouble().ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : reader.GetString();
        if (text is null || !Version.TryParse(text.Contains('.', StringComparison.Ordinal) ? text : text + ".0", out var version))
        {
            throw new JsonException($"'{text}' is not an HTTP version such as \"1.1\" or \"2\"");
        }

        return version;
    }

    public override void Write(Utf8JsonWriter writer, Version value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
