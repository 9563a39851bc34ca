// The console's replica panels against the real stack with two nova-server replicas: both green
// with their figures; one stopped turns red within a refresh and green again when it is back; a
// Redis that stops answering turns both red, with the reason.

#include "console/dashboard/platform_dashboard.h"
#include "console/replicas/replica_panels.h"
#include "console/window/main_window.h"
#include "tests/support/http_call.h"
#include "tests/support/polling.h"
#include "tests/support/stack_control.h"
#include "tests/support/stack_env.h"

#include <QLabel>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace nova;
using namespace nova::test;

namespace {
QString instanceOf(int replica)
{
    return replicaUrl(replica).authority();
}
} // namespace

class TestConsoleReplicas : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(StackEnv::problem().isEmpty(), qPrintable(StackEnv::problem()));
        QStandardPaths::setTestModeEnabled(true);
        QString output;
        QVERIFY2(StackControl::up(&output, 2), qPrintable(output));
        const StackEnv &env = StackEnv::get();
        ConsoleOptions options;
        options.apiUrl = env.apiUrl;
        options.prometheusUrl = env.prometheusUrl;
        options.token = env.adminToken;
        m_window = std::make_unique<MainWindow>(options);
        m_window->resize(1400, 900);
        m_window->show();
    }

    void bothReplicasShowTheirFigures()
    {
        QVERIFY2(panelsShow(1, true) && panelsShow(2, true, 20'000), qPrintable(texts()));
        const ReplicaHealth *first = shown(1);
        QVERIFY(first->cpuCores && first->residentBytes && first->connections);
        QVERIFY(first->eventLoopLagSeconds && *first->eventLoopLagSeconds < 1.0);
        QCOMPARE(first->postgresql, std::optional(true));
        QCOMPARE(first->redis, std::optional(true));
        QVERIFY(*first->residentBytes > 1'000'000);
        QVERIFY2(m_window->replicaPanels()->panel(instanceOf(1))->text().contains(u"PostgreSQL ✓"),
                 qPrintable(texts()));
    }

    void aStoppedReplicaTurnsRedAndBackWhenItReturns()
    {
        QVERIFY(StackControl::stopServer(2));
        // Prometheus scrapes every 5 s: its next scrape fails, the next refresh shows it.
        QVERIFY2(panelsShow(2, false), qPrintable(texts()));
        QVERIFY(panelsShow(1, true));
        QLabel *panel = m_window->replicaPanels()->panel(instanceOf(2));
        QVERIFY(panel && !panel->property("healthy").toBool());
        QVERIFY2(panel->text().contains(u"down"), qPrintable(panel->text()));
        if (const QString dir = qEnvironmentVariable("NOVA_SCREENSHOT_DIR"); !dir.isEmpty())
            m_window->grab().save(dir + QStringLiteral("/console-replicas.png"));

        QString output;
        QVERIFY2(StackControl::up(&output, 2), qPrintable(output));
        QVERIFY2(panelsShow(2, true), qPrintable(texts()));
    }

    void aRedisThatDoesNotAnswerTurnsThemRed()
    {
        {
            RedisPause pause;
            QVERIFY(pause.paused);
            QVERIFY2(pollUntil(
                         [&] {
                             refresh();
                             const ReplicaHealth *r = shown(1);
                             return r && r->up && r->redis == std::optional(false);
                         },
                         30'000, 1000),
                     qPrintable(texts()));
            QVERIFY(!m_window->replicaPanels()->panel(instanceOf(1))->property("healthy").toBool());
            QVERIFY(m_window->replicaPanels()->panel(instanceOf(1))->text().contains(u"Redis ✗"));
        }
        QVERIFY2(panelsShow(1, true, 30'000), qPrintable(texts()));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        QString output;
        QVERIFY2(StackControl::up(&output, 1), qPrintable(output));
    }

private:
    void refresh() { m_window->dashboard()->refresh(); }

    const ReplicaHealth *shown(int replica) const
    {
        for (const ReplicaHealth &health : m_window->replicaPanels()->replicas()) {
            if (health.instance == instanceOf(replica))
                return &health;
        }
        return nullptr;
    }

    // The panel of `replica` is (or is not) healthy, refreshing the dashboard until it is.
    bool panelsShow(int replica, bool healthy, int timeoutMs = 15'000)
    {
        return pollUntil(
            [&] {
                refresh();
                const ReplicaHealth *health = shown(replica);
                return health && health->healthy() == healthy;
            },
            timeoutMs, 1000);
    }

    QString texts() const
    {
        QStringList all;
        for (const ReplicaHealth &health : m_window->replicaPanels()->replicas())
            all.append(m_window->replicaPanels()->panel(health.instance)->text());
        return all.join(" | ");
    }

    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestConsoleReplicas)
#include "tst_console_replicas.moc"
