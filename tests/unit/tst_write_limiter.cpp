// A personal token may make so many changes and no more; the bootstrap token is not limited, and
// one token running out holds back no other.

#include "server/auth/caller.h"
#include "server/auth/write_limiter.h"
#include "shared/api_error.h"

#include <QTest>

using namespace nova;

namespace {
Caller streamerWithToken()
{
    return Caller{Account{QUuid::createUuid(), QStringLiteral("alice"), Role::Streamer, {}},
                  QUuid::createUuid(), QStringLiteral("laptop"), QStringLiteral("127.0.0.1")};
}

// How many changes `caller` makes before a 429, trying at most `tries`.
int allowedBeforeRefusal(WriteLimiter &limiter, const Caller &caller, int tries,
                         int *retryAfter = nullptr)
{
    for (int i = 0; i < tries; ++i) {
        try {
            limiter.spend(caller);
        } catch (const ApiError &error) {
            if (error.status() != 429)
                throw;
            if (retryAfter)
                *retryAfter = error.retryAfterSeconds();
            return i;
        }
    }
    return tries;
}
} // namespace

class TestWriteLimiter : public QObject
{
    Q_OBJECT

private slots:
    void aTokenGetsItsBurstThenATimeToWait()
    {
        WriteLimiter limiter(5, 6); // one more every 10 s
        const Caller caller = streamerWithToken();
        int retryAfter = 0;
        QCOMPARE(allowedBeforeRefusal(limiter, caller, 100, &retryAfter), 5);
        QVERIFY2(retryAfter >= 1 && retryAfter <= 10, qPrintable(QString::number(retryAfter)));
    }

    void anotherTokenIsNotHeldBack()
    {
        WriteLimiter limiter(3, 1);
        QCOMPARE(allowedBeforeRefusal(limiter, streamerWithToken(), 10), 3);
        QCOMPARE(allowedBeforeRefusal(limiter, streamerWithToken(), 10), 3);
    }

    void theBootstrapTokenIsNotLimited()
    {
        WriteLimiter limiter(1, 1);
        Caller bootstrap = streamerWithToken();
        bootstrap.account.role = Role::Operator;
        bootstrap.token = QUuid(); // NOVA_ADMIN_TOKEN
        QCOMPARE(allowedBeforeRefusal(limiter, bootstrap, 1000), 1000);
    }
};

QTEST_GUILESS_MAIN(TestWriteLimiter)
#include "tst_write_limiter.moc"
