#pragma once

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QStringList>

namespace nova::test {

// The headless broadcaster's arguments for publishing a small, cheap picture to a stream the API
// created, followed by `more`.
QStringList smallPicture(const QJsonObject &stream, const QStringList &more = {});

// nova-broadcaster --headless run as a user would, with its JSON lines collected as they come.
// The stream key is passed through NOVA_STREAM_KEY, not the command line.
class BroadcasterProcess
{
public:
    BroadcasterProcess() = default;
    ~BroadcasterProcess();

    void start(const QStringList &arguments, const QString &streamKey = {});
    // Publishes a small picture to `stream` (as POST /streams answered it) and waits until the
    // broadcaster says it is live.
    bool goLive(const QJsonObject &stream, int timeoutMs = 10'000);
    // Waits (on the process's signals, with a deadline) for a line with "event": `event`.
    std::optional<QJsonObject> waitForEvent(const QString &event, int timeoutMs);
    // The same for the `n`th such line (1 is the first).
    std::optional<QJsonObject> waitForNthEvent(const QString &event, int n, int timeoutMs);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    bool waitForExit(int timeoutMs);
    void interrupt(); // SIGINT, as Ctrl-C
    // SIGKILL: the connection drops with no goodbye, as a lost network looks to the server.
    void kill();

    QProcess::ProcessState state() const { return m_process.state(); }
    int exitCode() const { return m_process.exitCode(); }
    QProcess::ExitStatus exitStatus() const { return m_process.exitStatus(); }
    QString standardError() const { return QString::fromUtf8(m_stderr); }
    const QList<QJsonObject> &events() const { return m_events; }

private:
    void readLines();

    QProcess m_process;
    QByteArray m_pending;
    QByteArray m_stderr;
    QList<QJsonObject> m_events;
};

} // namespace nova::test
