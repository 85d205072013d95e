namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>One column of a RowDescription; <see cref="Format"/> is 0 for text, 1 for binary.</summary>
internal readonly record struct PgFieldDescription(
    string Name, int TableOid, short ColumnAttribute, int TypeOid, short TypeSize, int TypeModifier, short Format);
