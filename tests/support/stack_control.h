#pragma once

#include <QList>
#include <QString>

namespace nova::test {

// Faults a test inflicts on the stack on purpose, and the way back: killing nginx or nova-server as
// a crash would, pausing PostgreSQL, and bringing everything back with `nova-stack up`.
class StackControl
{
public:
    // SIGKILL to the component's process (group, for nginx's master and workers); no goodbyes.
    // `node`: the ingest node (1, 2, ...) whose nginx it is.
    static bool killNginx(int node = 1);
    // SIGKILL to nginx's master alone: its workers are left behind, holding the ports.
    static bool killNginxMaster();
    static QList<qint64> nginxWorkers(int node = 1);
    // SIGHUP to nginx's master: it rereads its configuration and replaces its workers.
    static bool reloadNginx();
    static bool killRedis();
    // SIGSTOP/SIGCONT to Redis: a server that takes commands and answers none of them.
    static bool pauseRedis();
    static bool resumeRedis();
    // SIGTERM, and wait until the process has exited: a clean restart's first half.
    static bool stopServer(int replica = 1);
    // SIGKILL, waited for: a crash, nothing said to anyone.
    static bool killServer(int replica = 1);
    // The nova-server replicas running now (1, 2, ...): an earlier test may have started more
    // than the environment names.
    static QList<int> runningServers();
    // How many on_update checks nginx could not deliver to any replica (from nginx's error log).
    static int unansweredUpdates();
    // How many lines of the replicas' logs hold `text`.
    static int serverLogLines(const QByteArray &text);

    // nova-stack up --no-build: starts whatever is not running. False (with its output) on failure.
    // `replicas` > 0 sets NOVA_REPLICAS (how many nova-server replicas to run), `ingests` > 0
    // NOVA_INGESTS (how many nginx-rtmp ingest nodes).
    static bool up(QString *output = nullptr, int replicas = 0, int ingests = 0);
    // A space-separated list the running stack wrote to its env file (NOVA_RTMP_URLS, ...): read
    // anew, for the stack may have changed since this process started.
    static QStringList envList(const QString &name);

    // nova-stack status's exit code: 0 only when every component runs (-1: it did not finish).
    static int status(QString *output = nullptr);

    // SIGSTOP/SIGCONT to every PostgreSQL process of the stack: a database that stops answering.
    static bool pausePostgres();
    static bool resumePostgres();
    // A fast shutdown of the stack's PostgreSQL, waited for (up() starts it again).
    static bool stopPostgres();
    // The port the stack's PostgreSQL listens on (0 when it does not run).
    static int postgresPort();
};

// Resumes PostgreSQL when it goes out of scope, whatever the test did in between.
struct PostgresPause
{
    PostgresPause() { paused = StackControl::pausePostgres(); }
    ~PostgresPause() { StackControl::resumePostgres(); }
    bool paused = false;
};

// Resumes Redis when it goes out of scope, whatever the test did in between.
struct RedisPause
{
    RedisPause() { paused = StackControl::pauseRedis(); }
    ~RedisPause() { StackControl::resumeRedis(); }
    bool paused = false;
};

} // namespace nova::test
