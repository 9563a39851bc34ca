#include "tests/support/stack_control.h"

#include "tests/support/stack_env.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QThread>

#include <csignal>

namespace nova::test {

namespace {
qint64 pidFrom(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readLine().trimmed().toLongLong();
}

// The pid a process of the stack wrote to <state>/run/<name>.pid, 0 if none.
qint64 runPid(const QString &name)
{
    return pidFrom(StackEnv::get().stateDir + QStringLiteral("/run/") + name +
                   QStringLiteral(".pid"));
}

qint64 nginxPid(int node = 1)
{
    return runPid(node == 1 ? QStringLiteral("nginx") : QStringLiteral("nginx-%1").arg(node));
}
qint64 redisPid()
{
    return runPid(QStringLiteral("redis"));
}
qint64 serverPid(int replica)
{
    return runPid(QStringLiteral("nova-server-%1").arg(replica));
}

// The pids of the postmaster and all its children.
QList<qint64> postgresPids()
{
    const qint64 postmaster =
        pidFrom(StackEnv::get().stateDir + QStringLiteral("/postgresql/data/postmaster.pid"));
    QList<qint64> pids;
    if (postmaster <= 0)
        return pids;
    pids.append(postmaster);
    const QDir proc(QStringLiteral("/proc"));
    for (const QString &entry : proc.entryList(QDir::Dirs)) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric)
            continue;
        QFile status(QStringLiteral("/proc/%1/status").arg(pid));
        if (!status.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("PPid:") && line.mid(5).trimmed().toLongLong() == postmaster)
                pids.append(pid);
        }
    }
    return pids;
}

// Gone, or a zombie nobody has reaped yet: either way it holds no port and serves nothing.
bool processGone(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close >= 0 && line.mid(close + 2, 1) == "Z";
}

// Signals `pid` and waits (polling, up to `waitMs`) until it is gone.
bool signalAndWaitGone(qint64 pid, int signal, int waitMs)
{
    if (pid <= 0 || ::kill(pid_t(pid), signal) != 0)
        return false;
    QDeadlineTimer deadline(waitMs);
    while (!processGone(pid) && !deadline.hasExpired())
        QThread::msleep(10);
    return processGone(pid);
}

bool signalAll(const QList<qint64> &pids, int signal)
{
    bool all = !pids.isEmpty();
    for (qint64 pid : pids)
        all &= ::kill(pid_t(pid), signal) == 0;
    return all;
}
} // namespace

QList<qint64> StackControl::nginxWorkers(int node)
{
    const qint64 master = nginxPid(node);
    QList<qint64> workers;
    if (master <= 0)
        return workers;
    const QDir proc(QStringLiteral("/proc"));
    for (const QString &entry : proc.entryList(QDir::Dirs)) {
        QFile status(QStringLiteral("/proc/%1/status").arg(entry));
        if (!status.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("PPid:") && line.mid(5).trimmed().toLongLong() == master)
                workers.append(entry.toLongLong());
        }
    }
    return workers;
}

bool StackControl::killNginx(int node)
{
    const qint64 master = nginxPid(node);
    if (master <= 0)
        return false;
    // Workers first (children of the master), then the master, all at once: like a crash.
    QList<qint64> pids = nginxWorkers(node);
    pids.prepend(master);
    return signalAll(pids, SIGKILL);
}

bool StackControl::reloadNginx()
{
    const qint64 master = nginxPid();
    return master > 0 && signalAll({master}, SIGHUP);
}

bool StackControl::killNginxMaster()
{
    const qint64 master = nginxPid();
    return master > 0 && signalAll({master}, SIGKILL);
}

bool StackControl::killRedis()
{
    return signalAndWaitGone(redisPid(), SIGKILL, 5000);
}

bool StackControl::pauseRedis()
{
    const qint64 pid = redisPid();
    return pid > 0 && signalAll({pid}, SIGSTOP);
}

bool StackControl::resumeRedis()
{
    const qint64 pid = redisPid();
    return pid > 0 && signalAll({pid}, SIGCONT);
}

bool StackControl::stopServer(int replica)
{
    // Returns once the process is gone, so that `up` starts a new one.
    return signalAndWaitGone(serverPid(replica), SIGTERM, 15'000);
}

bool StackControl::killServer(int replica)
{
    return signalAndWaitGone(serverPid(replica), SIGKILL, 15'000);
}

QList<int> StackControl::runningServers()
{
    static const QRegularExpression pidFile(QStringLiteral("^nova-server-(\\d+)\\.pid$"));
    QList<int> replicas;
    const QDir run(StackEnv::get().stateDir + QStringLiteral("/run"));
    for (const QString &name : run.entryList({QStringLiteral("nova-server-*.pid")}, QDir::Files)) {
        const auto match = pidFile.match(name);
        const int replica = match.hasMatch() ? match.captured(1).toInt() : 0;
        const qint64 pid = replica > 0 ? serverPid(replica) : 0;
        if (pid > 0 && !processGone(pid))
            replicas.append(replica);
    }
    std::sort(replicas.begin(), replicas.end());
    return replicas;
}

int StackControl::unansweredUpdates()
{
    QFile log(StackEnv::get().stateDir + QStringLiteral("/logs/nginx-error.log"));
    if (!log.open(QIODevice::ReadOnly))
        return 0;
    int count = 0;
    for (const QByteArray &line : log.readAll().split('\n'))
        count += line.contains("upstream") && line.contains("/hooks/rtmp/on_update");
    return count;
}

int StackControl::serverLogLines(const QByteArray &text)
{
    const QDir logs(StackEnv::get().stateDir + QStringLiteral("/logs"));
    int count = 0;
    for (const QString &name : logs.entryList({QStringLiteral("nova-server-*.log")}, QDir::Files)) {
        QFile log(logs.filePath(name));
        if (!log.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &line : log.readAll().split('\n'))
            count += line.contains(text);
    }
    return count;
}

bool StackControl::up(QString *output, int replicas, int ingests)
{
    QProcess stack;
    stack.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (replicas > 0)
        environment.insert(QStringLiteral("NOVA_REPLICAS"), QString::number(replicas));
    if (ingests > 0)
        environment.insert(QStringLiteral("NOVA_INGESTS"), QString::number(ingests));
    stack.setProcessEnvironment(environment);
    stack.start(QStringLiteral(NOVA_SOURCE_DIR "/deploy/local/nova-stack"),
                {QStringLiteral("up"), QStringLiteral("--no-build")});
    const bool finished = stack.waitForFinished(120'000);
    if (output)
        *output = QString::fromUtf8(stack.readAll());
    return finished && stack.exitCode() == 0;
}

QStringList StackControl::envList(const QString &name)
{
    QFile env(StackEnv::get().stateDir + QStringLiteral("/env"));
    if (!env.open(QIODevice::ReadOnly))
        return {};
    // Lines as nova-stack writes them: export NAME=value, the value quoted by printf %q.
    const QByteArray prefix = "export " + name.toUtf8() + '=';
    for (const QByteArray &line : env.readAll().split('\n')) {
        if (!line.startsWith(prefix))
            continue;
        QString value = QString::fromUtf8(line.mid(prefix.size())).trimmed();
        value.remove(u'\\');
        if (value.startsWith(u"$'") || value.startsWith(u'\''))
            value = value.mid(value.indexOf(u'\'') + 1).chopped(1);
        return value.split(u' ', Qt::SkipEmptyParts);
    }
    return {};
}

int StackControl::status(QString *output)
{
    QProcess stack;
    stack.setProcessChannelMode(QProcess::MergedChannels);
    stack.start(QStringLiteral(NOVA_SOURCE_DIR "/deploy/local/nova-stack"),
                {QStringLiteral("status")});
    const bool finished = stack.waitForFinished(30'000);
    if (output)
        *output = QString::fromUtf8(stack.readAll());
    return finished && stack.exitStatus() == QProcess::NormalExit ? stack.exitCode() : -1;
}

bool StackControl::pausePostgres()
{
    return signalAll(postgresPids(), SIGSTOP);
}

bool StackControl::resumePostgres()
{
    return signalAll(postgresPids(), SIGCONT);
}

bool StackControl::stopPostgres()
{
    const QList<qint64> pids = postgresPids();
    if (pids.isEmpty() || !signalAll({pids.first()}, SIGINT)) // SIGINT: fast shutdown
        return false;
    const QDeadlineTimer deadline(30'000);
    while (QFile::exists(QStringLiteral("/proc/%1").arg(pids.first()))) {
        if (deadline.hasExpired())
            return false;
        QThread::msleep(50); // polling a process that has no other way to tell it is gone
    }
    return true;
}

int StackControl::postgresPort()
{
    // postmaster.pid: pid, data directory, start time, port, ...
    QFile file(StackEnv::get().stateDir + QStringLiteral("/postgresql/data/postmaster.pid"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> lines = file.readAll().split('\n');
    return lines.size() > 3 ? lines.at(3).trimmed().toInt() : 0;
}

} // namespace nova::test
