using System.Collections.Frozen;

namespace Hoop.Policy.Sql;

/// <summary>
/// The reviewed lists of built-in functions. A call to anything not listed makes a statement <c>unknown</c>, so adding a
/// name here is a security decision: only add functions that cannot change data, session state, files or other sessions.
/// </summary>
internal static class SqlFunctions
{
    // Side-effect free in both dialects. Type names are here too, because numeric(10,2) and varchar(20) look like calls.
    private static readonly string[] CommonPure =
    [
        "abs", "acos", "asin", "atan", "atan2", "avg", "bigint", "binary", "bit", "bit_and", "bit_length", "bit_or",
        "bit_xor", "bool", "boolean", "cast", "ceil", "ceiling", "char", "char_length", "character", "character_length",
        "coalesce", "concat", "concat_ws", "convert", "cos", "cot", "count", "current_date", "current_time",
        "current_timestamp", "current_user", "date", "dec", "decimal", "degrees", "double", "exp", "extract", "float",
        "floor", "format", "greatest", "grouping", "int", "integer", "interval", "json_array", "json_arrayagg",
        "json_object", "json_objectagg", "json_exists", "json_query", "json_table", "json_value", "lag", "lead",
        "least", "left", "length", "ln", "localtime", "localtimestamp", "log", "log10", "log2", "lower", "lpad", "ltrim",
        "max", "md5", "min", "mod", "nchar", "national", "now", "nth_value", "ntile", "nullif", "numeric", "octet_length",
        "first_value", "last_value", "percent_rank", "cume_dist", "dense_rank", "rank", "row_number", "pi", "position",
        "pow", "power", "radians", "real", "regexp_instr", "regexp_like", "regexp_replace", "regexp_substr", "repeat",
        "replace", "reverse", "right", "round", "rpad", "rtrim", "session_user", "sign", "sin", "smallint", "sqrt",
        "stddev", "stddev_pop", "stddev_samp", "substr", "substring", "sum", "tan", "time", "timestamp", "trim", "upper",
        "var_pop", "var_samp", "variance", "varchar", "varying", "user", "row", "exists", "values", "percentile_cont",
        "percentile_disc", "mode", "string_agg", "array_agg", "ascii", "chr", "translate", "trunc", "truncate",
    ];

    private static readonly string[] PostgreSqlPure =
    [
        "age", "array_append", "array_cat", "array_length", "array_lower", "array_position", "array_positions",
        "array_prepend", "array_remove", "array_replace", "array_to_json", "array_to_string", "array_upper", "bool_and",
        "bool_or", "btrim", "cardinality", "clock_timestamp", "col_description", "corr", "covar_pop", "covar_samp",
        "currval", "current_database", "current_schema", "current_schemas", "current_setting", "date_bin", "date_part",
        "date_trunc", "decode", "encode", "every", "format_type", "gen_random_uuid", "generate_series",
        "generate_subscripts", "has_table_privilege", "has_schema_privilege", "has_database_privilege",
        "has_column_privilege", "initcap", "isfinite", "json_agg", "json_array_elements", "json_array_elements_text",
        "json_array_length", "json_build_array", "json_build_object", "json_each", "json_each_text",
        "json_extract_path", "json_extract_path_text", "json_object_agg", "json_object_keys", "json_typeof", "jsonb_agg",
        "jsonb_array_elements", "jsonb_array_elements_text", "jsonb_array_length", "jsonb_build_array",
        "jsonb_build_object", "jsonb_each", "jsonb_each_text", "jsonb_extract_path", "jsonb_extract_path_text",
        "jsonb_insert", "jsonb_object_agg", "jsonb_object_keys", "jsonb_path_exists", "jsonb_path_match",
        "jsonb_path_query", "jsonb_path_query_array", "jsonb_path_query_first", "jsonb_pretty", "jsonb_set",
        "jsonb_strip_nulls", "jsonb_typeof", "justify_days", "justify_hours", "justify_interval", "lastval",
        "make_date", "make_interval", "make_time", "make_timestamp", "make_timestamptz", "obj_description",
        "pg_backend_pid", "pg_column_size", "pg_database_size", "pg_get_constraintdef", "pg_get_indexdef",
        "pg_get_viewdef", "pg_is_in_recovery", "pg_relation_size", "pg_size_pretty", "pg_table_size",
        "pg_total_relation_size", "pg_typeof", "plainto_tsquery", "quote_ident", "quote_literal", "quote_nullable",
        "random", "regexp_count", "regexp_match", "regexp_matches", "regexp_split_to_array", "regexp_split_to_table",
        "row_to_json", "setweight", "split_part", "starts_with", "statement_timestamp", "string_to_array", "strpos",
        "timeofday", "to_char", "to_date", "to_hex", "to_json", "to_jsonb", "to_number", "to_timestamp", "to_tsquery",
        "to_tsvector", "transaction_timestamp", "ts_headline", "ts_rank", "unnest", "version", "websearch_to_tsquery",
        "xmlagg", "xmlelement", "xmlforest", "int2", "int4", "int8", "float4", "float8", "text", "bytea", "timestamptz",
        "timetz", "jsonb", "json", "uuid", "inet", "cidr", "int4range", "int8range", "numrange", "daterange", "tsrange",
        "tstzrange", "overlay", "sha224", "sha256", "sha384", "sha512", "num_nonnulls", "num_nulls", "scale",
    ];

    private static readonly string[] MySqlPure =
    [
        "adddate", "addtime", "bin", "conv", "crc32", "curdate", "curtime", "database", "date_add", "date_format",
        "date_sub", "datediff", "day", "dayname", "dayofmonth", "dayofweek", "dayofyear", "elt", "field",
        "find_in_set", "found_rows", "from_unixtime", "group_concat", "hex", "hour", "if", "ifnull", "inet_aton",
        "inet_ntoa", "inet6_aton", "inet6_ntoa", "instr", "is_free_lock", "is_used_lock", "isnull", "json_contains",
        "json_contains_path", "json_extract", "json_insert", "json_keys", "json_length", "json_merge_patch",
        "json_merge_preserve", "json_quote", "json_remove", "json_replace", "json_search", "json_set", "json_type",
        "json_unquote", "json_valid", "last_day", "lcase", "locate", "makedate", "maketime", "mid", "minute", "month",
        "monthname", "oct", "quarter", "quote", "rand", "row_count", "schema", "second", "sec_to_time", "sha", "sha1",
        "sha2", "soundex", "space", "str_to_date", "strcmp", "subdate", "subtime", "sysdate", "time_format",
        "time_to_sec", "timediff", "timestampadd", "timestampdiff", "to_days", "to_seconds", "ucase", "unhex",
        "unix_timestamp", "utc_date", "utc_time", "utc_timestamp", "uuid", "uuid_short", "week", "weekday",
        "weekofyear", "year", "yearweek", "connection_id", "datetime", "signed", "unsigned", "json_pretty",
        "json_overlaps", "json_depth", "any_value", "std", "from_days", "period_add", "period_diff", "char_length",
        "regexp", "weight_string", "bit_count", "format_bytes", "current_role",
    ];

    private static readonly (string Name, SqlFunctionEffect Effect)[] PostgreSqlEffects =
    [
        ("set_config", SqlFunctionEffect.Session),
        ("nextval", SqlFunctionEffect.Write), ("setval", SqlFunctionEffect.Write), ("pg_notify", SqlFunctionEffect.Write),
        ("lo_create", SqlFunctionEffect.Write), ("lo_creat", SqlFunctionEffect.Write), ("lo_unlink", SqlFunctionEffect.Write),
        ("lo_from_bytea", SqlFunctionEffect.Write), ("lo_put", SqlFunctionEffect.Write),
        ("pg_terminate_backend", SqlFunctionEffect.Admin), ("pg_cancel_backend", SqlFunctionEffect.Admin),
        ("pg_reload_conf", SqlFunctionEffect.Admin), ("pg_rotate_logfile", SqlFunctionEffect.Admin),
        ("lo_import", SqlFunctionEffect.Admin), ("lo_export", SqlFunctionEffect.Admin),
        ("pg_read_file", SqlFunctionEffect.Admin), ("pg_read_binary_file", SqlFunctionEffect.Admin),
        ("pg_ls_dir", SqlFunctionEffect.Admin), ("pg_stat_file", SqlFunctionEffect.Admin),
        ("pg_ls_logdir", SqlFunctionEffect.Admin), ("pg_ls_waldir", SqlFunctionEffect.Admin),
        ("pg_ls_tmpdir", SqlFunctionEffect.Admin), ("pg_file_write", SqlFunctionEffect.Admin),
        ("dblink", SqlFunctionEffect.Admin), ("dblink_exec", SqlFunctionEffect.Admin),
        ("dblink_connect", SqlFunctionEffect.Admin), ("dblink_send_query", SqlFunctionEffect.Admin),
        ("pg_sleep", SqlFunctionEffect.Admin), ("pg_sleep_for", SqlFunctionEffect.Admin),
        ("pg_sleep_until", SqlFunctionEffect.Admin), ("pg_advisory_lock", SqlFunctionEffect.Admin),
        ("pg_advisory_xact_lock", SqlFunctionEffect.Admin), ("pg_try_advisory_lock", SqlFunctionEffect.Admin),
        ("pg_advisory_unlock", SqlFunctionEffect.Admin), ("pg_advisory_unlock_all", SqlFunctionEffect.Admin),
        ("pg_switch_wal", SqlFunctionEffect.Admin), ("pg_create_restore_point", SqlFunctionEffect.Admin),
        ("pg_backup_start", SqlFunctionEffect.Admin), ("pg_backup_stop", SqlFunctionEffect.Admin),
        ("pg_promote", SqlFunctionEffect.Admin), ("pg_stat_reset", SqlFunctionEffect.Admin),
        ("pg_create_logical_replication_slot", SqlFunctionEffect.Admin),
        ("pg_create_physical_replication_slot", SqlFunctionEffect.Admin),
        ("pg_drop_replication_slot", SqlFunctionEffect.Admin), ("pg_logical_emit_message", SqlFunctionEffect.Admin),
        ("pg_log_backend_memory_contexts", SqlFunctionEffect.Admin),
    ];

    private static readonly (string Name, SqlFunctionEffect Effect)[] MySqlEffects =
    [
        ("last_insert_id", SqlFunctionEffect.Session), ("nextval", SqlFunctionEffect.Write),
        ("setval", SqlFunctionEffect.Write), ("sleep", SqlFunctionEffect.Admin), ("benchmark", SqlFunctionEffect.Admin),
        ("get_lock", SqlFunctionEffect.Admin), ("release_lock", SqlFunctionEffect.Admin),
        ("release_all_locks", SqlFunctionEffect.Admin), ("load_file", SqlFunctionEffect.Admin),
        ("master_pos_wait", SqlFunctionEffect.Admin), ("source_pos_wait", SqlFunctionEffect.Admin),
        ("master_gtid_wait", SqlFunctionEffect.Admin),
    ];

    private static readonly FrozenDictionary<string, SqlFunctionEffect>.AlternateLookup<ReadOnlySpan<char>> PostgreSql =
        Build(PostgreSqlPure, PostgreSqlEffects);

    private static readonly FrozenDictionary<string, SqlFunctionEffect>.AlternateLookup<ReadOnlySpan<char>> MySql =
        Build(MySqlPure, MySqlEffects);

    /// <summary>The effect of calling <paramref name="name"/> (already case-folded as the server would), unqualified or in the system schema.</summary>
    public static SqlFunctionEffect Lookup(ReadOnlySpan<char> name, SqlDialect dialect)
    {
        if (!System.Text.Ascii.IsValid(name))
        {
            return SqlFunctionEffect.Unknown;
        }

        var table = dialect == SqlDialect.MySql ? MySql : PostgreSql;
        return table.TryGetValue(name, out var effect) ? effect : SqlFunctionEffect.Unknown;
    }

    private static FrozenDictionary<string, SqlFunctionEffect>.AlternateLookup<ReadOnlySpan<char>> Build(
        string[] pure, (string Name, SqlFunctionEffect Effect)[] effects)
    {
        var all = new Dictionary<string, SqlFunctionEffect>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in CommonPure.Concat(pure))
        {
            all[name] = SqlFunctionEffect.None;
        }

        foreach (var (name, effect) in effects)
        {
            all[name] = effect;
        }

        return all.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
