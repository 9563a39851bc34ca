#include "server/config/config_loader.h"

#include <QFile>
#include <QRegularExpression>

#include <functional>

namespace nova {

namespace {

struct Setting
{
    const char *name; // in files; NOVA_ + upper case in the environment
    const char *help;
    std::function<void(ServerConfig &, const QString &)> apply; // throws std::invalid_argument
};

[[noreturn]] void invalid(const QString &why)
{
    throw std::invalid_argument(why.toStdString());
}

qint64 integerIn(const QString &text, qint64 low, qint64 high)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok || value < low || value > high)
        invalid(QStringLiteral("expected a whole number from %1 to %2").arg(low).arg(high));
    return value;
}

// Hours, decimals allowed (0.5 is half an hour), from a second up to ten years.
std::chrono::milliseconds hoursIn(const QString &text)
{
    bool ok = false;
    const double hours = text.trimmed().toDouble(&ok);
    constexpr double kMinimum = 1.0 / 3600, kMaximum = 24.0 * 3650;
    if (!ok || !(hours >= kMinimum && hours <= kMaximum))
        invalid(QStringLiteral("expected a number of hours from 0.0003 (a second) to %1")
                    .arg(kMaximum));
    return std::chrono::milliseconds(qint64(hours * 3600 * 1000));
}

QUrl urlWithScheme(const QString &text, const QStringList &schemes)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || !schemes.contains(url.scheme()) || url.host().isEmpty())
        invalid(QStringLiteral("expected a %1 URL").arg(schemes.join(u" or ")));
    return url;
}

QByteArray secret(const QString &text, int minimumLength)
{
    const QByteArray value = text.trimmed().toUtf8();
    if (value.size() < minimumLength)
        invalid(QStringLiteral("must be at least %1 characters").arg(minimumLength));
    return value;
}

// "ingest-1=rtmp://h:1935/live,http://h:8088,rtmp://h:1935/playback ingest-2=...".
QList<IngestNodeConfig> ingestNodesIn(const QString &text)
{
    static const QRegularExpression nodeName(QStringLiteral("^[a-z0-9][a-z0-9-]{0,31}$"));
    const QStringList rtmp{QStringLiteral("rtmp"), QStringLiteral("rtmps")};
    const QStringList http{QStringLiteral("http"), QStringLiteral("https")};
    QList<IngestNodeConfig> nodes;
    for (const QString &item : text.split(u' ', Qt::SkipEmptyParts)) {
        const qsizetype equals = item.indexOf(u'=');
        const QString name = item.first(std::max<qsizetype>(equals, 0));
        const QStringList urls = item.sliced(equals + 1).split(u',');
        if (equals <= 0 || urls.size() != 3)
            invalid(QStringLiteral("'%1' is not NAME=RTMP_URL,NGINX_URL,PROBE_URL").arg(item));
        if (!nodeName.match(name).hasMatch())
            invalid(QStringLiteral("'%1' is not a node name (a-z, 0-9 and -, up to 32)").arg(name));
        for (const IngestNodeConfig &known : nodes) {
            if (known.name == name)
                invalid(QStringLiteral("node '%1' is named twice").arg(name));
        }
        nodes.append({name, urlWithScheme(urls[0], rtmp), urlWithScheme(urls[1], http),
                      urlWithScheme(urls[2], rtmp).toString()});
    }
    if (nodes.isEmpty())
        invalid(QStringLiteral("names no node"));
    return nodes;
}

const std::vector<Setting> &settings()
{
    static const std::vector<Setting> table{
        {"http_address", "address the API listens on (default 127.0.0.1)",
         [](ServerConfig &c, const QString &v) {
             QHostAddress address;
             if (!address.setAddress(v.trimmed()))
                 invalid(QStringLiteral("expected an IP address"));
             c.httpAddress = address;
         }},
        {"http_port", "port of the API and WebSockets (default 8081)",
         [](ServerConfig &c, const QString &v) { c.httpPort = quint16(integerIn(v, 1, 65535)); }},
        {"max_body_bytes", "largest request body accepted, answered 413 beyond (default 65536)",
         [](ServerConfig &c, const QString &v) {
             c.maxBodyBytes = integerIn(v, 1024, 64 * 1024 * 1024);
         }},
        {"http_idle_timeout_s", "seconds before an idle HTTP connection is closed (default 30)",
         [](ServerConfig &c, const QString &v) {
             c.httpIdleTimeout = std::chrono::seconds(integerIn(v, 1, 3600));
         }},
        {"http_request_timeout_s",
         "seconds a request may take to arrive whole after its first byte; 408 beyond (default 10)",
         [](ServerConfig &c, const QString &v) {
             c.httpRequestTimeout = std::chrono::seconds(integerIn(v, 1, 600));
         }},
        {"http_max_connections",
         "HTTP connections open at once; new ones wait beyond (default 10000)",
         [](ServerConfig &c, const QString &v) {
             c.httpMaxConnections = int(integerIn(v, 1, 1'000'000));
         }},
        {"http_max_connections_per_address",
         "HTTP connections one client address (IPv6: a /64) may hold; 429 beyond, 0 for no limit "
         "(default 256)",
         [](ServerConfig &c, const QString &v) {
             c.httpMaxConnectionsPerAddress = int(integerIn(v, 0, 1'000'000));
         }},
        {"ws_max_viewers_per_address",
         "viewer WebSockets one client address may hold; 429 beyond, 0 for no limit (default 100)",
         [](ServerConfig &c, const QString &v) {
             c.wsMaxViewersPerAddress = int(integerIn(v, 0, 1'000'000));
         }},
        {"ws_replays_per_minute",
         "replay messages one WebSocket session may send a minute "
         "(default 10)",
         [](ServerConfig &c, const QString &v) {
             c.wsReplaysPerMinute = int(integerIn(v, 1, 10'000));
         }},
        {"limits_exempt",
         "networks never limited per address: proxies in front of the server, local tools "
         "(default 127.0.0.1,::1)",
         [](ServerConfig &c, const QString &v) {
             c.limitsExempt.clear();
             for (const QString &item : v.split(u',', Qt::SkipEmptyParts)) {
                 const auto network = QHostAddress::parseSubnet(item.trimmed());
                 if (network.first.isNull())
                     invalid(
                         QStringLiteral("'%1' is not an address or network").arg(item.trimmed()));
                 c.limitsExempt.append(network);
             }
         }},
        {"database_url", "PostgreSQL connection URL (required)",
         [](ServerConfig &c, const QString &v) {
             const QString url = v.trimmed();
             if (!url.startsWith(u"postgresql://") && !url.startsWith(u"postgres://"))
                 invalid(QStringLiteral("expected a postgresql:// URL"));
             c.databaseUrl = url;
         }},
        {"database_pool_size", "PostgreSQL connections (default 4)",
         [](ServerConfig &c, const QString &v) { c.databasePoolSize = int(integerIn(v, 1, 64)); }},
        {"database_timeout_ms", "deadline of every query, in ms (default 2000)",
         [](ServerConfig &c, const QString &v) {
             c.databaseTimeout = std::chrono::milliseconds(integerIn(v, 50, 60'000));
         }},
        {"redis_url",
         "Redis URL, redis://[:password@]host:port/db (default redis://127.0.0.1:6380/0)",
         [](ServerConfig &c, const QString &v) {
             c.redisUrl = urlWithScheme(v, {QStringLiteral("redis")});
         }},
        {"admin_token", "operator token for POST/DELETE and /events/ws (required, 16+ characters)",
         [](ServerConfig &c, const QString &v) { c.adminToken = secret(v, 16); }},
        {"hook_secret", "secret nginx presents in X-Nova-Hook-Secret on hook calls (optional)",
         [](ServerConfig &c, const QString &v) { c.hookSecret = secret(v, 16); }},
        {"hook_allow",
         "networks allowed to call hooks without the secret (default 127.0.0.0/8,::1/128)",
         [](ServerConfig &c, const QString &v) {
             c.hookAllowedNetworks.clear();
             for (const QString &item : v.split(u',', Qt::SkipEmptyParts)) {
                 const auto network = QHostAddress::parseSubnet(item.trimmed());
                 if (network.first.isNull())
                     invalid(
                         QStringLiteral("'%1' is not an address or network").arg(item.trimmed()));
                 c.hookAllowedNetworks.append(network);
             }
         }},
        {"rtmp_url", "RTMP ingest URL handed to publishers (default rtmp://127.0.0.1:1935/live)",
         [](ServerConfig &c, const QString &v) {
             c.rtmpUrl = urlWithScheme(v, {QStringLiteral("rtmp"), QStringLiteral("rtmps")});
         }},
        {"hls_url", "base URL of HLS playback (default http://127.0.0.1:8088/hls)",
         [](ServerConfig &c, const QString &v) {
             c.hlsUrl = urlWithScheme(v, {QStringLiteral("http"), QStringLiteral("https")});
         }},
        {"watch_url",
         "base URL of the watch page (default: /watch beside hls_url, as the HLS front serves it)",
         [](ServerConfig &c, const QString &v) {
             c.watchUrl = urlWithScheme(v, {QStringLiteral("http"), QStringLiteral("https")});
         }},
        {"nginx_url", "where nginx-rtmp serves /stat and /control (default http://127.0.0.1:8088)",
         [](ServerConfig &c, const QString &v) {
             c.nginxUrl = urlWithScheme(v, {QStringLiteral("http"), QStringLiteral("https")});
         }},
        {"ingest_application", "nginx-rtmp application publishers use (default live)",
         [](ServerConfig &c, const QString &v) {
             static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
             if (!name.match(v.trimmed()).hasMatch())
                 invalid(QStringLiteral("expected an application name"));
             c.ingestApplication = v.trimmed();
         }},
        {"ingest_poll_interval_s", "seconds between readings of nginx's /stat (default 5)",
         [](ServerConfig &c, const QString &v) {
             c.ingestPollInterval = std::chrono::seconds(integerIn(v, 1, 300));
         }},
        {"orphan_grace_s",
         "seconds an ACTIVE stream may be missing from nginx before it counts as interrupted "
         "(default 10)",
         [](ServerConfig &c, const QString &v) {
             c.orphanGrace = std::chrono::seconds(integerIn(v, 1, 3600));
         }},
        {"reconnect_grace_s",
         "seconds a stream whose publisher is gone waits for the same key before it is completed "
         "(default 60)",
         [](ServerConfig &c, const QString &v) {
             c.reconnectGrace = std::chrono::seconds(integerIn(v, 1, 24 * 3600));
         }},
        {"history_retention_h", "hours of stream history kept (default 168)",
         [](ServerConfig &c, const QString &v) {
             c.historyRetention = std::chrono::hours(integerIn(v, 1, 24 * 3650));
         }},
        {"pending_expiry_h",
         "hours after which a stream that never went live fails and its key stops working; "
         "decimals allowed (default 24)",
         [](ServerConfig &c, const QString &v) { c.pendingExpiry = hoursIn(v); }},
        {"hls_retention_h",
         "hours an ended stream's HLS files are kept (where hls_path is set); decimals allowed "
         "(default 1)",
         [](ServerConfig &c, const QString &v) { c.hlsRetention = hoursIn(v); }},
        {"hub_threads", "threads serving WebSocket clients, 0 for one per core (default 0)",
         [](ServerConfig &c, const QString &v) { c.hubThreads = int(integerIn(v, 0, 64)); }},
        {"hub_event_loop", "event dispatcher of those threads: epoll or qt (default epoll)",
         [](ServerConfig &c, const QString &v) {
             const auto kind = parseEventLoopKind(v.trimmed());
             if (!kind)
                 invalid(QStringLiteral("expected epoll or qt"));
             c.hubEventLoop = *kind;
         }},
        {"hls_path", "directory of the HLS files, to time their segments (default: not timed)",
         [](ServerConfig &c, const QString &v) { c.hlsPath = v.trimmed(); }},
        {"probe_url",
         "RTMP URL live streams are read back from, by id (default "
         "rtmp://127.0.0.1:1935/playback)",
         [](ServerConfig &c, const QString &v) {
             c.probeUrl =
                 urlWithScheme(v, {QStringLiteral("rtmp"), QStringLiteral("rtmps")}).toString();
         }},
        {"ingest_nodes",
         "the ingest nodes, space-separated, each NAME=RTMP_URL,NGINX_URL,PROBE_URL (default: one "
         "node, ingest-1, from rtmp_url, nginx_url and probe_url)",
         [](ServerConfig &c, const QString &v) { c.ingestNodes = ingestNodesIn(v); }},
        {"publish_failures_burst", "wrong stream keys an address may try in a row (default 5)",
         [](ServerConfig &c, const QString &v) {
             c.publishFailuresBurst = int(integerIn(v, 1, 1000));
         }},
        {"publish_failures_per_minute", "further wrong keys allowed per minute (default 5)",
         [](ServerConfig &c, const QString &v) {
             c.publishFailuresPerMinute = int(integerIn(v, 1, 6000));
         }},
        {"token_writes_burst",
         "changes (streams created or ended, keys rotated, ...) one personal token may make in a "
         "row (default 30)",
         [](ServerConfig &c, const QString &v) {
             c.tokenWritesBurst = int(integerIn(v, 1, 10000));
         }},
        {"token_writes_per_minute", "further changes allowed per token per minute (default 60)",
         [](ServerConfig &c, const QString &v) {
             c.tokenWritesPerMinute = int(integerIn(v, 1, 60000));
         }},
        {"log_level", "debug, info, warning or error (default info)",
         [](ServerConfig &c, const QString &v) {
             const QString level = v.trimmed().toLower();
             if (!QStringList{QStringLiteral("debug"), QStringLiteral("info"),
                              QStringLiteral("warning"), QStringLiteral("error")}
                      .contains(level))
                 invalid(QStringLiteral("expected debug, info, warning or error"));
             c.logLevel = level;
         }},
    };
    return table;
}

const Setting *findSetting(const QString &name)
{
    for (const Setting &setting : settings()) {
        if (name == QLatin1StringView(setting.name))
            return &setting;
    }
    return nullptr;
}

QString environmentName(const Setting &setting)
{
    return QStringLiteral("NOVA_") + QString::fromLatin1(setting.name).toUpper();
}

void apply(const Setting &setting, ServerConfig &config, const QString &value,
           const QString &origin)
{
    try {
        setting.apply(config, value);
    } catch (const std::invalid_argument &why) {
        throw ConfigError(
            QStringLiteral("%1: %2 %3")
                .arg(origin, QString::fromLatin1(setting.name), QString::fromUtf8(why.what()))
                .toStdString());
    }
}

void requireComplete(const ServerConfig &config)
{
    QStringList missing;
    if (config.databaseUrl.isEmpty())
        missing << QStringLiteral("database_url (NOVA_DATABASE_URL)");
    if (config.adminToken.isEmpty())
        missing << QStringLiteral("admin_token (NOVA_ADMIN_TOKEN)");
    if (!missing.isEmpty())
        throw ConfigError(
            QStringLiteral("missing required settings: %1").arg(missing.join(u", ")).toStdString());
    // Each node proves its name with a secret derived from the hook secret; without one, hooks
    // from several nodes could not be told apart.
    if (config.ingestNodes.size() > 1 && config.hookSecret.isEmpty())
        throw ConfigError("ingest_nodes names several nodes: hook_secret (NOVA_HOOK_SECRET) is "
                          "required, for each node proves its name with it");
}

// Without ingest_nodes, the single node the older settings describe.
void completeIngestNodes(ServerConfig &config)
{
    if (config.ingestNodes.isEmpty())
        config.ingestNodes.append(
            {QStringLiteral("ingest-1"), config.rtmpUrl, config.nginxUrl, config.probeUrl});
}

} // namespace

ServerConfig ConfigLoader::loadText(const QByteArray &fileText, const QString &fileName,
                                    const QProcessEnvironment &environment)
{
    ServerConfig config;
    const QList<QByteArray> lines = fileText.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = QString::fromUtf8(lines.at(i)).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QString origin = QStringLiteral("%1:%2").arg(fileName).arg(i + 1);
        const qsizetype equals = line.indexOf(u'=');
        if (equals <= 0)
            throw ConfigError(
                QStringLiteral("%1: expected 'name = value'").arg(origin).toStdString());
        const QString name = line.first(equals).trimmed().toLower();
        const Setting *setting = findSetting(name);
        if (!setting)
            throw ConfigError(
                QStringLiteral("%1: unknown setting '%2'").arg(origin, name).toStdString());
        apply(*setting, config, line.sliced(equals + 1).trimmed(), origin);
    }

    for (const Setting &setting : settings()) {
        const QString variable = environmentName(setting);
        if (environment.contains(variable))
            apply(setting, config, environment.value(variable), variable);
    }
    requireComplete(config);
    completeIngestNodes(config);
    return config;
}

ServerConfig ConfigLoader::load(const QString &filePath, const QProcessEnvironment &environment)
{
    QByteArray text;
    if (!filePath.isEmpty()) {
        QFile file(filePath);
        if (!file.open(QIODevice::ReadOnly))
            throw ConfigError(QStringLiteral("cannot read config file %1: %2")
                                  .arg(filePath, file.errorString())
                                  .toStdString());
        text = file.readAll();
    }
    return loadText(text, filePath, environment);
}

QStringList ConfigLoader::describe()
{
    QStringList lines;
    for (const Setting &setting : settings())
        lines << QStringLiteral("%1  %2  %3")
                     .arg(QString::fromLatin1(setting.name), -20)
                     .arg(environmentName(setting), -26)
                     .arg(QString::fromLatin1(setting.help));
    return lines;
}

} // namespace nova
