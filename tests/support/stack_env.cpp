#include "tests/support/stack_env.h"

#include <QFile>
#include <QHash>
#include <QProcessEnvironment>

namespace nova::test {

namespace {
// Undoes bash's printf %q for the plain values nova-stack writes.
QString unquote(QString value)
{
    if (value.startsWith(u'\'') && value.endsWith(u'\'') && value.size() >= 2)
        return value.mid(1, value.size() - 2);
    QString out;
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value[i] == u'\\' && i + 1 < value.size())
            ++i;
        out.append(value[i]);
    }
    return out;
}

QHash<QString, QString> readEnvFile(const QString &path)
{
    QHash<QString, QString> values;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return values;
    for (const QByteArray &raw : file.readAll().split('\n')) {
        QString line = QString::fromUtf8(raw).trimmed();
        if (!line.startsWith(QStringLiteral("export ")))
            continue;
        line = line.mid(7);
        const qsizetype equals = line.indexOf(u'=');
        if (equals > 0)
            values.insert(line.left(equals), unquote(line.mid(equals + 1)));
    }
    return values;
}

StackEnv load(QString *problem)
{
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QHash<QString, QString> values;
    if (!environment.contains(QStringLiteral("NOVA_API_URL")))
        values = readEnvFile(QStringLiteral(NOVA_SOURCE_DIR "/.nova/env"));
    const auto get = [&](const char *name) {
        const QString key = QString::fromLatin1(name);
        const QString value = environment.value(key, values.value(key));
        if (value.isEmpty() && problem->isEmpty())
            *problem = QStringLiteral("%1 is not set: start the stack with "
                                      "./deploy/local/nova-stack up (or run nova-stack test)")
                           .arg(key);
        return value;
    };
    StackEnv env;
    env.apiUrl = QUrl(get("NOVA_API_URL"));
    for (const QString &url : get("NOVA_API_URLS").split(u' ', Qt::SkipEmptyParts))
        env.apiUrls.append(QUrl(url));
    env.rtmpUrl = get("NOVA_RTMP_URL");
    env.hlsUrl = QUrl(get("NOVA_HLS_URL"));
    env.nginxUrl = QUrl(get("NOVA_NGINX_URL"));
    env.prometheusUrl = QUrl(get("NOVA_PROMETHEUS_URL"));
    env.adminToken = get("NOVA_ADMIN_TOKEN");
    env.stateDir = get("NOVA_STATE_DIR");
    env.buildDir = get("NOVA_BUILD_DIR");
    env.databaseUrl = get("NOVA_DATABASE_URL");
    env.redisUrl = get("NOVA_REDIS_URL");
    env.reconnectGraceSeconds = get("NOVA_RECONNECT_GRACE_S").toInt();
    env.hlsSegmentSeconds = get("NOVA_HLS_SEGMENT_SECONDS").toInt();
    return env;
}

struct Loaded
{
    QString problem;
    StackEnv env;
    Loaded() { env = load(&problem); }
};

const Loaded &loaded()
{
    static const Loaded instance;
    return instance;
}
} // namespace

const StackEnv &StackEnv::get()
{
    return loaded().env;
}

QString StackEnv::problem()
{
    return loaded().problem;
}

} // namespace nova::test
