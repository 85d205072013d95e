namespace Hoop.Operator.Webhooks;

/// <summary>The body the API server sent is no AdmissionReview v1 we can read; answered with 400.</summary>
internal sealed class AdmissionReviewFormatException : Exception
{
    public AdmissionReviewFormatException()
    {
    }

    public AdmissionReviewFormatException(string message)
        : base(message)
    {
    }

    public AdmissionReviewFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
