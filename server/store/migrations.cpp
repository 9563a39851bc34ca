#include "server/store/migrations.h"

#include "server/store/pqxx_compat.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <algorithm>

namespace nova {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace {
// Any constant both replicas agree on; "nova" in ASCII.
constexpr long long kMigrationLock = 0x6e6f7661;
} // namespace

QList<Migrations::Migration> Migrations::bundled()
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_([a-z0-9_]+)\\.sql$"));
    QList<Migration> migrations;
    const QDir dir(QStringLiteral(":/migrations"));
    for (const QString &file : dir.entryList(QDir::Files, QDir::Name)) {
        const auto match = pattern.match(file);
        if (!match.hasMatch())
            continue;
        QFile in(dir.filePath(file));
        if (!in.open(QIODevice::ReadOnly))
            continue;
        migrations.append({match.captured(1).toInt(), match.captured(2), in.readAll()});
    }
    std::sort(migrations.begin(), migrations.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
    return migrations;
}

int Migrations::apply(pqxx::connection &connection, const QList<Migration> &migrations)
{
    {
        pqxx::work tx(connection);
        tx.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version integer PRIMARY KEY,"
                " name text NOT NULL,"
                " applied_at timestamptz NOT NULL DEFAULT now())");
        tx.commit();
    }

    int applied = 0;
    for (const Migration &migration : migrations) {
        pqxx::work tx(connection);
        db::exec(tx, "SELECT pg_advisory_xact_lock($1)", kMigrationLock);
        const auto done =
            db::exec(tx, "SELECT 1 FROM schema_migrations WHERE version = $1", migration.version);
        if (!done.empty())
            continue;
        tx.exec(std::string(migration.sql.constData(), migration.sql.size()));
        db::exec(tx, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                 migration.version, migration.name.toStdString());
        tx.commit();
        ++applied;
        qCInfo(lcStore).noquote() << "applied migration" << migration.version << migration.name;
    }
    return applied;
}

} // namespace nova
