using System.CommandLine;
using System.Net;
using System.Text.RegularExpressions;
using Hoop.Api;
using Hoop.Kubectl.Cluster;
using Hoop.Recording.Chain;
using Hoop.Recording.Verification;
using k8s;
using k8s.Autorest;

namespace Hoop.Kubectl.Recordings;

/// <summary>
/// <c>kubectl hoop verify SESSION|FILE</c>: checks a replay log's hash chain and, given the recording key (a file, or the
/// Connection's key Secret read through the API), every checkpoint signature. Exit 0 only when intact.
/// </summary>
internal static partial class VerifyCommand
{
    public static Command Create(KubeconfigOptions cluster)
    {
        var log = new Argument<string>("SESSION|FILE") { Description = "The replay log, or a session id found under --recordings." };
        var recordings = RecordingFile.CreateOption();
        var keyFile = new Option<FileInfo>("--key-file") { Description = "File holding the recording key's bytes." };
        var keySecret = new Option<string>("--key-secret") { Description = "Secret (in the namespace) holding the recording key under hmacKey." };
        var connection = new Option<string>("--connection") { Description = $"Read the key from this Connection's Secret <connection>-gateway-recording-key." };
        var command = new Command("verify", "Check that a session recording is intact and signed.") { log, recordings, keyFile, keySecret, connection };
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            var path = RecordingFile.Resolve(parseResult.GetValue(log)!, parseResult.GetValue(recordings));
            var secretName = parseResult.GetValue(keySecret) ?? (parseResult.GetValue(connection) is { } c ? GatewayNames.RecordingKey(c) : null);
            byte[]? key = null;
            if (parseResult.GetValue(keyFile) is { } file)
            {
                key = file.Exists ? await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false) : throw new UserError($"--key-file {file.FullName}: no such file");
            }
            else if (secretName is not null)
            {
                using var session = cluster.Open(parseResult);
                key = await ReadSecretAsync(session, secretName, cancellationToken).ConfigureAwait(false);
            }

            if (key is not null && key.Length < ReplayLogKey.MinimumLength)
            {
                throw new UserError($"the recording key holds {key.Length} bytes; a recording key has at least {ReplayLogKey.MinimumLength}");
            }

            var keys = key is null ? null : KeyIds(path).Select(id => new ReplayLogKey(id, key)).ToList();
            var verification = new ReplayLogVerifier(keys).Verify(path);
            await context.Output.WriteLineAsync(verification.Describe()).ConfigureAwait(false);
            return verification.ExitCode;
        });
        return command;
    }

    private static async Task<byte[]> ReadSecretAsync(ClusterSession session, string name, CancellationToken cancellationToken)
    {
        try
        {
            var secret = await session.Client.CoreV1.ReadNamespacedSecretAsync(name, session.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return secret.Data?.TryGetValue(GatewayNames.RecordingKeyField, out var bytes) == true
                ? bytes
                : throw new UserError($"secret {name} in namespace {session.Namespace} has no {GatewayNames.RecordingKeyField} key");
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new UserError($"secret {name} not found in namespace {session.Namespace}; the operator creates <connection>-gateway-recording-key for each Connection");
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new UserError($"you may not read secret {name} in namespace {session.Namespace}: ask for read access to it, or use --key-file");
        }
    }

    // The key signs under the id the log names; a wrong key then shows as a signature mismatch.
    private static IEnumerable<string> KeyIds(string path) =>
        File.ReadLines(path).Select(line => KeyIdPattern().Match(line)).Where(m => m.Success)
            .Select(m => m.Groups["id"].Value).Distinct(StringComparer.Ordinal).DefaultIfEmpty("unknown");

    [GeneratedRegex("\"keyId\":\"(?<id>[^\"\\\\]{1,256})\"")]
    private static partial Regex KeyIdPattern();
}
