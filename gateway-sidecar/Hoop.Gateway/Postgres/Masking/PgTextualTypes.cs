namespace Hoop.Gateway.Postgres.Masking;

/// <summary>The built-in types whose binary format is their text, by type OID (pg_type.oid, fixed for built-ins).</summary>
internal static class PgTextualTypes
{
    public const int Name = 19;
    public const int Text = 25;
    public const int Json = 114;
    public const int Unknown = 705;
    public const int Bpchar = 1042;
    public const int Varchar = 1043;

    /// <summary>jsonb's binary format is a version byte (<see cref="JsonbVersion"/>) followed by the JSON text.</summary>
    public const int Jsonb = 3802;

    public const byte JsonbVersion = 1;

    public static bool IsText(int typeOid) => typeOid is Name or Text or Json or Unknown or Bpchar or Varchar;
}
