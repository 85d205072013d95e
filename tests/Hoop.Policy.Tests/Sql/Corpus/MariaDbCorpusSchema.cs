namespace Hoop.Policy.Tests.Sql.Corpus;

/// <summary>The objects the MySQL corpus names, so its statements get past name resolution to the read-only check.</summary>
internal static class MariaDbCorpusSchema
{
    public static IReadOnlyList<string> Statements { get; } =
    [
        "CREATE TABLE users (id INT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(200), name VARCHAR(200), role VARCHAR(50) DEFAULT 'user')",
        "CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, user_id INT, total DECIMAL(12, 2), status VARCHAR(20))",
        "CREATE TABLE invoices (id INT AUTO_INCREMENT PRIMARY KEY, order_id INT, amount DECIMAL(12, 2), paid BOOLEAN DEFAULT FALSE)",
        "CREATE TABLE audit_log (id INT AUTO_INCREMENT PRIMARY KEY, msg TEXT)",
        "CREATE SEQUENCE order_seq",
        "CREATE VIEW active_users AS SELECT * FROM users WHERE role <> 'disabled'",
        "CREATE FUNCTION log_access(what TEXT) RETURNS INT MODIFIES SQL DATA BEGIN INSERT INTO audit_log (msg) VALUES (what); RETURN 1; END",
        "CREATE PROCEDURE archive_orders() MODIFIES SQL DATA DELETE FROM orders WHERE status = 'done'",
        "CREATE ROLE IF NOT EXISTS auditor",
        "INSERT INTO users (email, name) VALUES ('a@example.com', 'A'), ('b@example.com', 'B')",
        "INSERT INTO orders (user_id, total, status) VALUES (1, 10, 'open'), (2, 2000, 'paid')",
        "INSERT INTO invoices (order_id, amount, paid) VALUES (1, 10, TRUE)",
        "CREATE DATABASE IF NOT EXISTS billing",
        "CREATE TABLE IF NOT EXISTS billing.invoices (id INT AUTO_INCREMENT PRIMARY KEY, amount DECIMAL(12, 2))",
        "INSERT INTO billing.invoices (amount) VALUES (150)",
    ];
}
