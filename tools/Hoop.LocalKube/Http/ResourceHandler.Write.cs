using System.Text.Json.Nodes;
using Hoop.LocalKube.Admission;
using Hoop.LocalKube.Api;
using Hoop.LocalKube.Authorization;
using Hoop.LocalKube.Storage;
using Microsoft.AspNetCore.Http;

namespace Hoop.LocalKube.Http;

internal sealed partial class ResourceHandler
{
    private async Task CreateAsync(HttpContext context, ResourceType type, ApiRequestPath path, UserInfo user)
    {
        var obj = await ReadObjectAsync(context, type).ConfigureAwait(false);
        if (type.IsVirtual)
        {
            await JsonResponses.WriteAsync(context, 201, reviews.Answer(type, obj, user)).ConfigureAwait(false);
            return;
        }

        var metadata = ObjectMetadata.Of(obj);
        if (path.Namespace is not null)
        {
            if (metadata["namespace"]?.GetValue<string>() is { } bodyNamespace && bodyNamespace != path.Namespace)
            {
                throw ApiStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            metadata["namespace"] = path.Namespace;
            EnsureNamespaceExists(path.Namespace);
        }
        else if (type.Namespaced)
        {
            throw ApiStatus.MethodNotAllowed("the server does not allow this method on the requested resource");
        }

        if (metadata["name"]?.GetValue<string>() is not { Length: > 0 } name)
        {
            name = metadata["generateName"]?.GetValue<string>() is { Length: > 0 } prefix
                ? prefix + ObjectMetadata.RandomSuffix()
                : throw ApiStatus.Invalid(type.Kind, type.Group, "", ["metadata.name: Required value: name or generateName is required"]);
            metadata["name"] = name;
        }

        await StoreNewAsync(context, type, path, user, obj, name, recordUpdateManager: true).ConfigureAwait(false);
    }

    /// <summary>
    /// What every creation goes through, by POST or by server-side apply: server-set metadata, mutating admission,
    /// name and schema validation, validating admission, then storage (409 AlreadyExists when the name is taken).
    /// </summary>
    private async Task StoreNewAsync(HttpContext context, ResourceType type, ApiRequestPath path, UserInfo user, JsonObject obj, string name, bool recordUpdateManager)
    {
        var metadata = ObjectMetadata.Of(obj);
        metadata["uid"] = ObjectMetadata.NewUid();
        metadata["creationTimestamp"] = ObjectMetadata.Timestamp(Now);
        metadata["generation"] = 1;
        metadata.Remove("resourceVersion");
        metadata.Remove("deletionTimestamp");
        if (type.HasStatus)
        {
            obj.Remove("status");
        }

        if (type.StorageKey == "/namespaces")
        {
            // What the namespace controller and admission would add.
            var labels = metadata["labels"] as JsonObject ?? [];
            labels["kubernetes.io/metadata.name"] = name;
            metadata["labels"] = labels;
            obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
            obj["status"] = new JsonObject { ["phase"] = "Active" };
        }

        var admissionRequest = new AdmissionRequest(type, "CREATE", null, path.Namespace, name, user, obj, null, IsDryRun(context));
        obj = await admission.MutateAsync(admissionRequest, context.RequestAborted).ConfigureAwait(false) ?? obj;
        var errors = ObjectMetadata.NameErrors(name).ToList();
        PrepareCustom(type, obj, null, FieldValidation(context), errors);
        if (errors.Count > 0)
        {
            throw ApiStatus.Invalid(type.Kind, type.Group, name, errors);
        }

        await admission.ValidateAsync(admissionRequest with { Object = obj }, context.RequestAborted).ConfigureAwait(false);
        if (recordUpdateManager)
        {
            ManagedFields.RecordUpdate(null, obj, FieldManager(context), type.ApiVersion, ObjectMetadata.Timestamp(Now), !type.HasStatus, null);
        }

        crds.BeforeCreate(type, obj);
        if (IsDryRun(context))
        {
            await JsonResponses.WriteAsync(context, 201, WithTypeMeta(type, obj)).ConfigureAwait(false);
            return;
        }

        if (!store.TryCreate(type.StorageKey, type.ToStorage(obj), out var stored))
        {
            throw ApiStatus.AlreadyExists(type.QualifiedResource, name, type.Group, type.Resource);
        }

        crds.AfterWrite(type);
        collector.Created(type.StorageKey, stored);
        await JsonResponses.WriteAsync(context, 201, WithTypeMeta(type, stored)).ConfigureAwait(false);
    }

    private async Task UpdateAsync(HttpContext context, ResourceType type, ApiRequestPath path, UserInfo user)
    {
        var incoming = await ReadObjectAsync(context, type).ConfigureAwait(false);
        var incomingName = ObjectMetadata.Of(incoming)["name"]?.GetValue<string>();
        if (incomingName != path.Name)
        {
            throw ApiStatus.BadRequest($"the name of the object ({incomingName}) does not match the name on the URL ({path.Name})");
        }

        var expected = ObjectStore.ResourceVersion(incoming);
        if (expected is null && type.IsCustom)
        {
            throw ApiStatus.Invalid(type.Kind, type.Group, path.Name!, ["metadata.resourceVersion: Invalid value: 0x0: must be specified for an update"]);
        }

        var current = Load(type, path);
        var stored = await WriteAsync(context, type, path, user, current, incoming, expected).ConfigureAwait(false);
        await JsonResponses.WriteAsync(context, 200, WithTypeMeta(type, stored)).ConfigureAwait(false);
    }

    /// <summary>
    /// The write rules shared by update and patch: the main endpoint keeps the stored status, <c>/status</c> takes only
    /// status; identity fields never change; spec changes bump the generation; no finalizer may be added to an object
    /// being deleted, and removing the last one from it deletes it.
    /// </summary>
    private async Task<JsonObject> WriteAsync(HttpContext context, ResourceType type, ApiRequestPath path, UserInfo user, JsonObject current, JsonObject incoming, string? expectedVersion)
    {
        JsonObject next;
        if (path.Subresource == "status")
        {
            next = current.DeepClone().AsObject();
            next["status"] = incoming["status"]?.DeepClone();
        }
        else
        {
            next = incoming.DeepClone().AsObject();
            if (type.HasStatus)
            {
                next["status"] = current["status"]?.DeepClone();
            }

            var metadata = ObjectMetadata.Of(next);
            var old = ObjectMetadata.Of(current);
            foreach (var field in new[] { "uid", "creationTimestamp", "namespace", "name", "deletionTimestamp", "deletionGracePeriodSeconds", "generation" })
            {
                metadata[field] = old[field]?.DeepClone();
            }

            if (!JsonNode.DeepEquals(ObjectMetadata.Essence(current), ObjectMetadata.Essence(next)))
            {
                metadata["generation"] = (old["generation"].AsInt64() ?? 1) + 1;
            }
        }

        if (next["status"] is null)
        {
            next.Remove("status");
        }

        var admissionRequest = new AdmissionRequest(type, "UPDATE", path.Subresource, path.Namespace, path.Name!, user, next, current, IsDryRun(context));
        next = await admission.MutateAsync(admissionRequest, context.RequestAborted).ConfigureAwait(false) ?? next;
        var errors = new List<string>();
        if (ObjectMetadata.IsBeingDeleted(current) && ObjectMetadata.Finalizers(next).Except(ObjectMetadata.Finalizers(current)).Any())
        {
            errors.Add("metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted");
        }

        PrepareCustom(type, next, current, FieldValidation(context), errors);
        if (errors.Count > 0)
        {
            throw ApiStatus.Invalid(type.Kind, type.Group, path.Name!, errors);
        }

        await admission.ValidateAsync(admissionRequest with { Object = next }, context.RequestAborted).ConfigureAwait(false);
        if (JsonResponses.MediaType(context.Request.ContentType) != "application/apply-patch+yaml")
        {
            ManagedFields.RecordUpdate(current, next, FieldManager(context), type.ApiVersion, ObjectMetadata.Timestamp(Now), path.Subresource == "status" || !type.HasStatus, path.Subresource);
        }

        if (IsDryRun(context))
        {
            return next;
        }

        var outcome = store.TryUpdate(type.StorageKey, type.ToStorage(next), expectedVersion ?? ObjectStore.ResourceVersion(current));
        var stored = outcome.Result switch
        {
            WriteResult.Written => outcome.Object!,
            WriteResult.Conflict => throw ApiStatus.Conflict(type.QualifiedResource, path.Name!, type.Group, type.Resource),
            _ => throw NotFound(type, path.Name!),
        };

        if (ObjectMetadata.IsBeingDeleted(stored) && ObjectMetadata.Finalizers(stored).Count == 0
            && store.TryDelete(type.StorageKey, path.Namespace, path.Name!, null) is { Result: WriteResult.Written, Object: { } deleted })
        {
            // The last finalizer is gone: the object goes, and owners waiting on it in the foreground may follow.
            collector.OwnerDeleted(deleted, "Background");
        }

        crds.AfterWrite(type);
        return stored;
    }

    /// <summary>For custom resources: defaults, unknown fields (refused under Strict, pruned otherwise), schema and CEL rules.</summary>
    private static void PrepareCustom(ResourceType type, JsonObject obj, JsonObject? old, string fieldValidation, List<string> errors)
    {
        if (type.Validator is not { } validator)
        {
            return;
        }

        if (fieldValidation == "Strict")
        {
            foreach (var unknown in validator.UnknownFields(obj))
            {
                throw ApiStatus.BadRequest($"strict decoding error: unknown field \"{unknown}\"");
            }
        }

        validator.Prune(obj);
        validator.Default(obj);
        errors.AddRange(validator.Validate(obj, old));
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context, ResourceType type)
    {
        var body = await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false);
        var mediaType = JsonResponses.MediaType(context.Request.ContentType);
        JsonObject obj = mediaType switch
        {
            "application/json" or "" => JsonResponses.ParseObject(body),
            "application/vnd.kubernetes.protobuf" => ProtobufBodies.Decode(body),
            _ => throw ApiStatus.UnsupportedMediaType($"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf"),
        };

        var apiVersion = obj["apiVersion"]?.GetValue<string>();
        var kind = obj["kind"]?.GetValue<string>();
        if ((apiVersion is not null && apiVersion != type.ApiVersion) || (kind is not null && kind != type.Kind))
        {
            throw ApiStatus.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        return WithTypeMeta(type, obj);
    }

    private static string FieldValidation(HttpContext context) => context.Request.Query["fieldValidation"].ToString() switch
    {
        "" => "Warn",
        var value => value,
    };

    /// <summary>The write's field manager: the fieldManager parameter, else the client's name from its User-Agent.</summary>
    private static string FieldManager(HttpContext context) =>
        context.Request.Query["fieldManager"].ToString() is { Length: > 0 } manager
            ? manager
            : context.Request.Headers.UserAgent.ToString().Split('/')[0] is { Length: > 0 } agent ? agent : "unknown";

    private static bool IsDryRun(HttpContext context) => context.Request.Query["dryRun"].Contains("All");
}
