namespace Hoop.Gateway.Postgres.Masking;

/// <summary>What happens to the non-NULL values of one result column, decided once from its description.</summary>
internal enum ColumnTreatment
{
    /// <summary>Sent as received: nothing applies, or a binary value no detector can read.</summary>
    Forward,

    /// <summary>Text on the wire (text format, or a binary type whose form is its text): masked through the plan.</summary>
    MaskText,

    /// <summary>Binary jsonb: a version byte then JSON text; the text is masked and the version byte kept.</summary>
    MaskJsonb,

    /// <summary>A binary value a rule masks: masked text would break the client's decoder, so NULL is sent instead.</summary>
    Withhold,
}
