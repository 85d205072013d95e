using System.Globalization;
using System.Security.Cryptography;

namespace Hoop.Gateway.Sessions;

/// <summary>Session ids: the protocol, the start time and randomness — unique across replicas, sortable, safe as file names.</summary>
internal static class SessionIds
{
    public static string New(string protocol, TimeProvider time) =>
        string.Create(CultureInfo.InvariantCulture, $"{protocol}-{time.GetUtcNow():yyyyMMdd'T'HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}");
}
