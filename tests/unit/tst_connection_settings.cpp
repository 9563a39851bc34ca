// ConnectionSettings: every PostgreSQL connection gets fault detection (connect timeout, TCP
// keepalives, an unacknowledged-data timeout), in either connection-string form, and whatever the
// operator set in database_url wins.

#include "server/store/connection_settings.h"

#include <QTest>

using nova::ConnectionSettings;
using namespace std::chrono_literals;

namespace {
bool has(const std::string &url, const std::string &parameter)
{
    return url.find(parameter) != std::string::npos;
}
} // namespace

class TestConnectionSettings : public QObject
{
    Q_OBJECT

private slots:
    void aUriGetsEveryFaultDetectionParameter()
    {
        const std::string url =
            ConnectionSettings::apply("postgresql://nova:pw@127.0.0.1:5432/nova", 2000ms, "app");
        QVERIFY2(url.rfind("postgresql://nova:pw@127.0.0.1:5432/nova?connect_timeout=2&", 0) == 0,
                 url.c_str());
        for (const char *parameter :
             {"keepalives=1", "keepalives_idle=5", "keepalives_interval=2", "keepalives_count=2",
              "tcp_user_timeout=5000", "application_name=app"})
            QVERIFY2(has(url, std::string("&") + parameter), url.c_str());
    }

    void aUriWithAQueryIsExtendedNotReplaced()
    {
        const std::string url =
            ConnectionSettings::apply("postgres://h/db?sslmode=disable", 3s, "app");
        QVERIFY2(url.rfind("postgres://h/db?sslmode=disable&connect_timeout=3&", 0) == 0,
                 url.c_str());
    }

    void aKeyValueStringGetsTheSameInItsOwnForm()
    {
        const std::string url = ConnectionSettings::apply("host=db dbname=nova", 500ms, "app");
        QVERIFY2(url.rfind("host=db dbname=nova connect_timeout=2 keepalives=1 ", 0) == 0,
                 url.c_str());
        QVERIFY2(has(url, " tcp_user_timeout=5000"), url.c_str());
    }

    void whatTheOperatorSetWins()
    {
        const std::string url = ConnectionSettings::apply(
            "postgresql://h/db?keepalives_idle=60&tcp_user_timeout=0", 2s, "app");
        QVERIFY2(has(url, "keepalives_idle=60"), url.c_str());
        QVERIFY2(!has(url, "keepalives_idle=5"), url.c_str());
        QVERIFY2(has(url, "tcp_user_timeout=0"), url.c_str());
        QVERIFY2(!has(url, "tcp_user_timeout=5000"), url.c_str());
    }
};

QTEST_GUILESS_MAIN(TestConnectionSettings)
#include "tst_connection_settings.moc"
