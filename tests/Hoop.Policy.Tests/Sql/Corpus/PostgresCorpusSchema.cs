namespace Hoop.Policy.Tests.Sql.Corpus;

/// <summary>The objects the PostgreSQL corpus names, so its statements get past parse analysis to the executor.</summary>
internal static class PostgresCorpusSchema
{
    public const string Script = """
        CREATE TABLE users (id serial PRIMARY KEY, email text, name text, role text DEFAULT 'user', created_at timestamptz DEFAULT now());
        CREATE TABLE orders (id serial PRIMARY KEY, user_id int, total numeric, status text, created_at timestamptz DEFAULT now());
        CREATE TABLE invoices (id serial PRIMARY KEY, order_id int, amount numeric, paid boolean DEFAULT false);
        CREATE TABLE audit_log (id serial PRIMARY KEY, msg text);
        CREATE SCHEMA billing;
        CREATE SCHEMA archive;
        CREATE TABLE billing.invoices (id serial PRIMARY KEY, amount numeric);
        CREATE SEQUENCE order_seq;
        CREATE VIEW active_users AS SELECT * FROM users WHERE role <> 'disabled';
        CREATE MATERIALIZED VIEW order_totals AS SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id;
        CREATE UNIQUE INDEX order_totals_user ON order_totals (user_id);
        CREATE FUNCTION log_access(what text) RETURNS int LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO audit_log (msg) VALUES (what);
          RETURN 1;
        END
        $$;
        CREATE FUNCTION billing.recent_invoices() RETURNS SETOF billing.invoices LANGUAGE sql AS $$ SELECT * FROM billing.invoices $$;
        CREATE FUNCTION audit_trigger() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE PROCEDURE archive_orders() LANGUAGE plpgsql AS $$ BEGIN DELETE FROM orders WHERE status = 'done'; END $$;
        INSERT INTO users (email, name) VALUES ('a@example.com', 'A'), ('b@example.com', 'B');
        INSERT INTO orders (user_id, total, status) VALUES (1, 10, 'open'), (2, 2000, 'paid');
        INSERT INTO invoices (order_id, amount, paid) VALUES (1, 10, true);
        INSERT INTO billing.invoices (amount) VALUES (150);
        REFRESH MATERIALIZED VIEW order_totals;
        DO $$ BEGIN CREATE ROLE analyst; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
        DO $$ BEGIN CREATE ROLE app_user; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
        """;
}
