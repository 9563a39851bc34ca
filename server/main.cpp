// nova-server: ingest hooks, REST API and metrics for Nova.

#include "server/app/server_app.h"
#include "server/config/config_loader.h"
#include "server/store/connection_settings.h"
#include "server/store/migrations.h"
#include "shared/log_format.h"
#include "shared/termination_signals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QThread>

#include <pqxx/pqxx>

#include <cstdio>

namespace {

Q_LOGGING_CATEGORY(lcMain, "nova.server")

// PostgreSQL may still be starting (a fresh stack, a rolling restart): keep trying this long.
constexpr int kMigrationWaitMs = 30'000;

int migrate(const nova::ServerConfig &config)
{
    const std::string url = nova::ConnectionSettings::apply(
        config.databaseUrl.toStdString(), std::chrono::seconds(3), "nova-server-migrate");
    QDeadlineTimer deadline(kMigrationWaitMs);
    for (int attempt = 1;; ++attempt) {
        try {
            pqxx::connection connection(url);
            const int applied = nova::Migrations::apply(connection, nova::Migrations::bundled());
            qCInfo(lcMain) << "database schema is up to date;" << applied << "migration(s) applied";
            return 0;
        } catch (const pqxx::broken_connection &error) {
            if (deadline.hasExpired()) {
                qCCritical(lcMain).noquote()
                    << "cannot reach PostgreSQL:" << QString::fromUtf8(error.what()).trimmed();
                return 3;
            }
            if (attempt == 1)
                qCInfo(lcMain) << "waiting for PostgreSQL...";
            QThread::msleep(500);
        } catch (const std::exception &error) {
            qCCritical(lcMain).noquote()
                << "migration failed:" << QString::fromUtf8(error.what()).trimmed();
            return 3;
        }
    }
}

} // namespace

int main(int argc, char *argv[])
{
    // Qt's glib dispatcher makes many-socket servers superlinear; the Unix one stays linear.
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("nova-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NOVA_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Nova's control plane: ingest hooks, REST API, metrics.\n\nSettings "
                       "(config file name, environment variable, meaning):\n  ") +
        nova::ConfigLoader::describe().join(QStringLiteral("\n  ")));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(QStringLiteral("config"),
                                          QStringLiteral("Read settings from <file>."),
                                          QStringLiteral("file"));
    const QCommandLineOption migrateOption(QStringLiteral("migrate-only"),
                                           QStringLiteral("Apply database migrations and exit."));
    const QCommandLineOption routesOption(
        QStringLiteral("print-routes"),
        QStringLiteral("Print every HTTP and WebSocket route, one per line, and exit."));
    parser.addOption(configOption);
    parser.addOption(migrateOption);
    parser.addOption(routesOption);
    parser.process(app);

    nova::ServerConfig config;
    try {
        config = nova::ConfigLoader::load(parser.value(configOption),
                                          QProcessEnvironment::systemEnvironment());
    } catch (const nova::ConfigError &error) {
        std::fprintf(stderr, "nova-server: %s\n", error.what());
        return 2;
    }
    nova::installLogFormat(config.logLevel);

    // The routes as registered, for the API description's test: nothing is connected or opened.
    if (parser.isSet(routesOption)) {
        for (const QString &route : nova::ServerApp(config).routes())
            std::printf("%s\n", qPrintable(route));
        return 0;
    }

    if (const int status = migrate(config); status != 0 || parser.isSet(migrateOption))
        return status;

    nova::ServerApp server(config);
    QString error;
    if (!server.start(&error)) {
        qCCritical(lcMain).noquote() << "cannot listen on" << config.httpAddress.toString()
                                     << "port" << config.httpPort << "-" << error;
        return 4;
    }

    nova::TerminationSignals terminations;
    QObject::connect(&terminations, &nova::TerminationSignals::received, &app,
                     [&server](int signalNumber) {
                         qCInfo(lcMain) << "signal" << signalNumber << "received, shutting down";
                         server.shutdown([] { QCoreApplication::quit(); });
                     });
    return QCoreApplication::exec();
}
