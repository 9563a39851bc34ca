#pragma once

#include <QDeadlineTimer>
#include <QTest>

namespace nova::test {

// Polls `condition` until it holds or `timeoutMs` pass, letting events run in between; the
// state under test lives in other processes, so there is no signal to wait on.
template<typename Condition>
bool pollUntil(Condition condition, int timeoutMs, int intervalMs = 100)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(intervalMs);
    }
    return true;
}

} // namespace nova::test
