#pragma once

#include <QList>
#include <QString>

#include <pqxx/pqxx>

namespace nova {

// The schema as numbered SQL files (server/store/migrations/NNNN_name.sql, compiled in), applied
// in order at start, each in its own transaction and recorded in schema_migrations. Replicas that
// start together take turns on an advisory lock, so each migration runs exactly once.
class Migrations
{
public:
    struct Migration
    {
        int version = 0;
        QString name;
        QByteArray sql;
    };

    // The migrations built into this binary, in version order.
    static QList<Migration> bundled();

    // Applies what the database lacks; returns how many were applied. Throws on failure, leaving
    // the failed migration's transaction rolled back.
    static int apply(pqxx::connection &connection, const QList<Migration> &migrations);
};

} // namespace nova
