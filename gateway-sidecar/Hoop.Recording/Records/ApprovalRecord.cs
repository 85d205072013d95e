using System.Text.Json;

namespace Hoop.Recording.Records;

/// <summary>
/// The AccessRequest (<c>namespace/name</c>) a held statement waited on, the phase it reached and who reviewed it.
/// </summary>
public sealed record ApprovalRecord(int StatementId, string AccessRequest, string Phase, IReadOnlyList<ApprovalReview> Reviews)
    : ReplayRecord
{
    internal const string TypeName = "approval";

    internal override string Type => TypeName;

    internal override ReplayRecord Masked(Func<string, string> mask) => this with
    {
        Reviews = [.. Reviews.Select(review => review with { Comment = review.Comment is null ? null : mask(review.Comment) })],
    };

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteNumber("statementId", StatementId);
        writer.WriteString("accessRequest", AccessRequest);
        writer.WriteString("phase", Phase);
        writer.WriteStartArray("reviews");
        foreach (var review in Reviews)
        {
            writer.WriteStartObject();
            writer.WriteString("reviewer", review.Reviewer);
            writer.WriteString("decision", review.Decision);
            writer.WriteString("comment", review.Comment);
            writer.WriteString("time", RecordTime.Format(review.Time));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    internal static ApprovalRecord Read(JsonElement record)
    {
        var reviews = new List<ApprovalReview>();
        foreach (var review in RecordFields.Array(record, "reviews").EnumerateArray())
        {
            if (review.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("field 'reviews' holds something other than objects");
            }

            reviews.Add(new(
                RecordFields.String(review, "reviewer"),
                RecordFields.String(review, "decision"),
                RecordFields.OptionalString(review, "comment"),
                RecordFields.Time(review, "time")));
        }

        return new(
            RecordFields.Int32(record, "statementId"),
            RecordFields.String(record, "accessRequest"),
            RecordFields.String(record, "phase"),
            reviews);
    }
}
