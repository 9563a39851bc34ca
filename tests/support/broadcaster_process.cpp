#include "tests/support/broadcaster_process.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QTest>

#include <csignal>

namespace nova::test {

QStringList smallPicture(const QJsonObject &stream, const QStringList &more)
{
    return QStringList{"--rtmp-url", stream.value(u"rtmp_url").toString(),
                       "--size",     "320x180",
                       "--bitrate",  "300k"} +
           more;
}

BroadcasterProcess::~BroadcasterProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void BroadcasterProcess::start(const QStringList &arguments, const QString &streamKey)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!streamKey.isEmpty())
        environment.insert(QStringLiteral("NOVA_STREAM_KEY"), streamKey);
    m_process.setProcessEnvironment(environment);
    QObject::connect(&m_process, &QProcess::readyReadStandardOutput, [this] { readLines(); });
    QObject::connect(&m_process, &QProcess::readyReadStandardError,
                     [this] { m_stderr += m_process.readAllStandardError(); });
    m_process.start(QStringLiteral(NOVA_BROADCASTER_PATH),
                    QStringList{QStringLiteral("--headless")} + arguments);
}

void BroadcasterProcess::readLines()
{
    m_pending += m_process.readAllStandardOutput();
    qsizetype end;
    while ((end = m_pending.indexOf('\n')) >= 0) {
        const QByteArray line = m_pending.left(end);
        m_pending.remove(0, end + 1);
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        if (!event.isEmpty())
            m_events.append(event);
    }
}

bool BroadcasterProcess::goLive(const QJsonObject &stream, int timeoutMs)
{
    start(smallPicture(stream), stream.value(u"stream_key").toString());
    return waitForEvent(QStringLiteral("live"), timeoutMs).has_value();
}

std::optional<QJsonObject> BroadcasterProcess::waitForEvent(const QString &event, int timeoutMs)
{
    return waitForNthEvent(event, 1, timeoutMs);
}

std::optional<QJsonObject> BroadcasterProcess::waitForNthEvent(const QString &event, int n,
                                                               int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        int seenCount = 0;
        for (const QJsonObject &seen : std::as_const(m_events)) {
            if (seen.value(u"event").toString() == event && ++seenCount == n)
                return seen;
        }
        if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
            return std::nullopt;
        m_process.waitForReadyRead(
            int(std::max<qint64>(1, std::min<qint64>(200, deadline.remainingTime()))));
        readLines();
    }
}

bool BroadcasterProcess::waitForExit(int timeoutMs)
{
    const bool finished =
        m_process.state() == QProcess::NotRunning || m_process.waitForFinished(timeoutMs);
    readLines();
    m_stderr += m_process.readAllStandardError();
    return finished;
}

void BroadcasterProcess::interrupt()
{
    if (m_process.processId() > 0)
        ::kill(pid_t(m_process.processId()), SIGINT);
}

void BroadcasterProcess::kill()
{
    if (m_process.processId() > 0)
        ::kill(pid_t(m_process.processId()), SIGKILL);
}

} // namespace nova::test
