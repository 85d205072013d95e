using System.Text;

namespace Hoop.Gateway.Tests.EndToEnd;

/// <summary>One message from the gateway, as a type byte and a body.</summary>
internal sealed record BackendMessage(char Type, byte[] Body)
{
    /// <summary>A field of an ErrorResponse or NoticeResponse ('S' severity, 'C' SQLSTATE, 'M' message).</summary>
    public string? Field(char code)
    {
        var at = 0;
        while (at < Body.Length && Body[at] != 0)
        {
            var end = Array.IndexOf(Body, (byte)0, at + 1);
            if ((char)Body[at] == code)
            {
                return Encoding.UTF8.GetString(Body, at + 1, end - at - 1);
            }

            at = end + 1;
        }

        return null;
    }

    public string Describe() => Type == 'E' ? $"ErrorResponse {Field('C')}: {Field('M')}" : $"message '{Type}' of {Body.Length} bytes";
}
