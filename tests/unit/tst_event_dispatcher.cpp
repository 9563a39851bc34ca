// The event dispatchers a thread may run — Qt's own and the epoll one — against the behaviours Qt's
// own dispatcher tests ask for: single-shot, repeating and zero timers, notifiers enabled,
// disabled and deleted while armed, wake-ups from other threads, processEvents flags and
// interruption. Every case runs on a thread of its own with the dispatcher under test.

#include "server/eventloop/epoll_event_dispatcher.h"
#include "server/eventloop/event_loop_kind.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QSocketNotifier>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <functional>
#include <memory>
#include <mutex>
#include <sys/socket.h>
#include <unistd.h>

using namespace nova;

namespace {

#ifdef __SANITIZE_THREAD__
constexpr int kRacingPosts = 5'000; // every post is many times slower under ThreadSanitizer
#else
constexpr int kRacingPosts = 100'000;
#endif

// Runs `scenario` on a new thread with the dispatcher `kind`, and waits for it to end. What it
// wrote is handed back through a std::mutex as well as QThread::wait(): ThreadSanitizer sees the
// one, not the other (Debian's Qt is not instrumented).
bool runOn(EventLoopKind kind, std::function<void()> scenario)
{
    std::mutex handBack;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        std::lock_guard lock(handBack);
        scenario();
    }));
    installEventLoop(*thread, kind);
    thread->start();
    const bool ended = thread->wait(QDeadlineTimer(20'000));
    if (ended)
        std::lock_guard lock(handBack);
    return ended;
}

// Ends `loop` after `ms`, so that no scenario can hang the test.
void endAfter(QEventLoop &loop, int ms)
{
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
}

// A connected pair of local sockets, closed at the end.
struct SocketPair
{
    int fd[2] = {-1, -1};
    SocketPair() { ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fd); }
    ~SocketPair()
    {
        for (const int f : fd) {
            if (f >= 0)
                ::close(f);
        }
    }
    void send(int side) const { (void)!::write(fd[side], "x", 1); }
    void drain(int side) const
    {
        char buffer[64];
        while (::read(fd[side], buffer, sizeof buffer) > 0) {
        }
    }
};

} // namespace

class TestEventDispatcher : public QObject
{
    Q_OBJECT

private:
    void addKinds()
    {
        QTest::addColumn<int>("kind");
        QTest::addRow("qt") << int(EventLoopKind::Qt);
        QTest::addRow("epoll") << int(EventLoopKind::Epoll);
    }

private slots:
    void theThreadRunsTheDispatcherAsked_data() { addKinds(); }
    void theThreadRunsTheDispatcherAsked()
    {
        QFETCH(int, kind);
        bool epoll = false;
        QVERIFY(runOn(EventLoopKind(kind), [&] {
            epoll =
                qobject_cast<EpollEventDispatcher *>(QThread::currentThread()->eventDispatcher());
        }));
        QCOMPARE(epoll, kind == int(EventLoopKind::Epoll));
    }

    void aSingleShotTimerFiresOnceAndNotEarly_data() { addKinds(); }
    void aSingleShotTimerFiresOnceAndNotEarly()
    {
        QFETCH(int, kind);
        int fired = 0;
        qint64 firedAfterMs = -1;
        QVERIFY(runOn(EventLoopKind(kind), [&] {
            QEventLoop loop;
            QElapsedTimer clock;
            clock.start();
            QTimer::singleShot(50, Qt::PreciseTimer, &loop, [&] {
                ++fired;
                firedAfterMs = clock.elapsed();
            });
            endAfter(loop, 250);
            loop.exec();
        }));
        QCOMPARE(fired, 1);
        QVERIFY2(firedAfterMs >= 50, qPrintable(QString::number(firedAfterMs)));
    }

    void aRepeatingTimerKeepsItsPace_data() { addKinds(); }
    void aRepeatingTimerKeepsItsPace()
    {
        QFETCH(int, kind);
        int fired = 0;
        qint64 elapsedMs = 0;
        QVERIFY(runOn(EventLoopKind(kind), [&] {
            QEventLoop loop;
            QTimer timer;
            timer.setTimerType(Qt::PreciseTimer);
            timer.setInterval(10);
            QElapsedTimer clock;
            QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
                if (++fired == 5) {
                    elapsedMs = clock.elapsed();
                    timer.stop();
                    loop.quit();
                }
            });
            clock.start();
            timer.start();
            endAfter(loop, 5000);
            loop.exec();
        }));
        QCOMPARE(fired, 5);
        QVERIFY2(elapsedMs >= 50, qPrintable(QString::number(elapsedMs)));
    }

    void aZeroTimerRunsEveryTurnAndStarvesNothing_data() { addKinds(); }
    void aZeroTimerRunsEveryTurnAndStarvesNothing()
    {
        QFETCH(int, kind);
        int turns = 0;
        bool otherFired = false;
        QVERIFY(runOn(EventLoopKind(kind), [&] {
            QEventLoop loop;
            QTimer zero;
            zero.setInterval(0);
            // Ends once both are shown: the other timer came due while the zero timer kept
            // running, and the zero timer ran turn after turn (however busy the machine is).
            QObject::connect(&zero, &QTimer::timeout, &loop, [&] {
                if (++turns > 10 && otherFired)
                    loop.quit();
            });
            zero.start();
            QTimer::singleShot(30, &loop, [&] { otherFired = true; });
            endAfter(loop, 5000);
            loop.exec();
        }));
        QVERIFY(otherFired);
        QVERIFY2(turns > 10, qPrintable(QString::number(turns)));
    }

    void aTimerStoppedByAnotherDueWithItDoesNotFire_data() { addKinds(); }
    void aTimerStoppedByAnotherDueWithItDoesNotFire()
    {
        QFETCH(int, kind);
        int first = 0, second = 0;
        QVERIFY(runOn(EventLoopKind(kind), [&] {
            QEventLoop loop;
            QTimer a, b;
            for (QTimer *t : {&a, &b}) {
                t->setSingleShot(true);
                t->setTimerType(Qt::PreciseTimer);
                t->setInterval(20);
            }
            QObject::connect(&a, &QTimer::timeout, &loop, [&] {
                ++first;
                b.stop();
            });
            QObject::connect(&b, &QTimer::timeout, &loop, [&] {
                ++second;
                a.stop();
            });
            a.start();
            b.start();
            endAfter(loop, 150);
            loop.exec();
        }));
        QCOMPARE(first + second, 1); // whichever ran first stopped the other
    }

    void aTimersObjectDeletedByAnotherTimerGetsNoEvent_data() { addKinds(); }
    void aTimersObjectDeletedByAnotherTimerGetsNoEvent()
    {
        QFETCH(int, kind);
        int doomedFired = 0;
        QVERIFY(runOn(EventLoopKind(kind), [&] {
            QEventLoop loop;
            auto *doomed = new QTimer;
            doomed->setTimerType(Qt::PreciseTimer);
            QObject::connect(doomed, &QTimer::timeout, &loop, [&] { ++doomedFired; });
            QTimer killer;
            killer.setTimerType(Qt::PreciseTimer);
            killer.setSingleShot(true);
            QObject::connect(&killer, &QTimer::timeout, &loop, [&] { delete doomed; });
            killer.start(20);
            doomed->start(20);
            endAfter(loop, 150);
            loop.exec();
        }));
        QVERIFY(doomedFired <= 1); // it may have run first; never after its deletion
    }

    void registeredTimersAndRemainingTimeAreReported_data() { addKinds(); }
    void registeredTimersAndRemainingTimeAreReported()
    {
        QFETCH(int, kind);
        int listed = -1, remaining = -2, remainingAfterKill = -2;
        QVERIFY(runOn(EventLoopKind(kind), [&] {
            QObject owner;
            const int id = owner.startTimer(500, Qt::PreciseTimer);
            auto *dispatcher = QThread::currentThread()->eventDispatcher();
            listed = int(dispatcher->registeredTimers(&owner).size());
            remaining = dispatcher->remainingTime(id);
            owner.killTimer(id);
            remainingAfterKill = dispatcher->remainingTime(id);
        }));
        QCOMPARE(listed, 1);
        QVERIFY2(remaining > 0 && remaining <= 500, qPrintable(QString::number(remaining)));
        QVERIFY2(remainingAfterKill < 0,
                 qPrintable(QString::number(remainingAfterKill))); // Qt 6.8: INT_MIN
    }

    void aNestedLoopInATimerHandlerDoesNotFireItAgain_data() { addKinds(); }
    void aNestedLoopInATimerHandlerDoesNotFireItAgain()
    {
        QFETCH(int, kind);
        int fired = 0;
        QVERIFY(runOn(EventLoopKind(kind), [&] {
            QEventLoop loop;
            QTimer timer;
            timer.setTimerType(Qt::PreciseTimer);
            timer.setInterval(100);
            QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
                ++fired;
                QEventLoop nested;
                endAfter(nested, 30); // well inside the interval
                nested.exec();
                timer.stop();
                loop.quit();
            });
            timer.start();
            endAfter(loop, 5000);
            loop.exec();
        }));
        QCOMPARE(fired, 1);
    }

    void aReadNotifierFiresWhenDataArrives_data() { addKinds(); }
    void aReadNotifierFiresWhenDataArrives()
    {
        QFETCH(int, kind);
        int activations = 0;
        QVERIFY(runOn(EventLoopKind(kind), [&] {
            SocketPair pair;
            QEventLoop loop;
            QSocketNotifier notifier(pair.fd[0], QSocketNotifier::Read);
            QObject::connect(&notifier, &QSocketNotifier::activated, &loop, [&] {
                ++activations;
                pair.drain(0);
                loop.quit();
            });
            QTimer::singleShot(10, &loop, [&] { pair.send(1); });
            endAfter(loop, 5000);
            loop.exec();
        }));
        QCOMPARE(activations, 1);
    }

    void aWriteNotifierFiresOnAWritableSocket_data() { addKinds(); }
    void aWriteNotifierFiresOnAWritableSocket()
    {
        QFETCH(int, kind);
        bool activated = false;
        QVERIFY(runOn(EventLoopKind(kind), [&] {
            SocketPair pair;
            QEventLoop loop;
            QSocketNotifier notifier(pair.fd[0], QSocketNotifier::Write);
            QObject::connect(&notifier, &QSocketNotifier::activated, &loop, [&] {
                activated = true;
                notifier.setEnabled(false);
                loop.quit();
            });
            endAfter(loop, 5000);
            loop.exec();
        }));
        QVERIFY(activated);
    }

    void aDisabledNotifierStaysQuietUntilEnabled_data() { addKinds(); }
    void aDisabledNotifierStaysQuietUntilEnabled()
    {
        QFETCH(int, kind);
        int whileDisabled = 0, afterEnabled = 0;
        QVERIFY(runOn(EventLoopKind(kind), [&] {
            SocketPair pair;
            QEventLoop loop;
            QSocketNotifier notifier(pair.fd[0], QSocketNotifier::Read);
            bool enabled = false;
            notifier.setEnabled(false);
            QObject::connect(&notifier, &QSocketNotifier::activated, &loop, [&] {
                ++(enabled ? afterEnabled : whileDisabled);
                pair.drain(0);
                loop.quit();
            });
            pair.send(1); // ready from the start, while disabled
            QTimer::singleShot(80, &loop, [&] {
                enabled = true;
                notifier.setEnabled(true);
            });
            endAfter(loop, 5000);
            loop.exec();
        }));
        QCOMPARE(whileDisabled, 0);
        QCOMPARE(afterEnabled, 1);
    }

    // What a socket's write does: its write notifier enabled, and disabled by the flush that
    // follows, within one turn. The socket is writable all along, yet the notifier is never
    // activated, and the read notifier beside it goes on working.
    void aWriteNotifierEnabledAndDisabledInOneTurnStaysQuiet_data() { addKinds(); }
    void aWriteNotifierEnabledAndDisabledInOneTurnStaysQuiet()
    {
        QFETCH(int, kind);
        int writes = 0, reads = 0;
        QVERIFY(runOn(EventLoopKind(kind), [&] {
            SocketPair pair;
            QEventLoop loop;
            QSocketNotifier reader(pair.fd[0], QSocketNotifier::Read);
            QSocketNotifier writer(pair.fd[0], QSocketNotifier::Write);
            writer.setEnabled(false);
            QObject::connect(&writer, &QSocketNotifier::activated, &loop, [&] { ++writes; });
            QObject::connect(&reader, &QSocketNotifier::activated, &loop, [&] {
                pair.drain(0);
                if (++reads == 20)
                    loop.quit();
                writer.setEnabled(true);
                writer.setEnabled(false);
                pair.send(1);
            });
            pair.send(1);
            endAfter(loop, 5000);
            loop.exec();
        }));
        QCOMPARE(reads, 20);
        QCOMPARE(writes, 0);
    }

    // A socket closed and a new one given the same descriptor number, between two turns' waits:
    // the new one is watched, not mistaken for the old.
    void aDescriptorReusedWithinATurnIsWatchedAnew_data() { addKinds(); }
    void aDescriptorReusedWithinATurnIsWatchedAnew()
    {
        QFETCH(int, kind);
        bool reused = false, activated = false;
        QVERIFY(runOn(EventLoopKind(kind), [&] {
            auto first = std::make_unique<SocketPair>();
            auto notifier = std::make_unique<QSocketNotifier>(first->fd[0], QSocketNotifier::Read);
            auto *dispatcher = QThread::currentThread()->eventDispatcher();
            dispatcher->processEvents(QEventLoop::AllEvents); // watched by the kernel now
            const int number = first->fd[0];
            notifier.reset();
            first.reset(); // both ends closed: the lowest numbers are free again
            SocketPair second;
            reused = second.fd[0] == number || second.fd[1] == number;
            const int side = second.fd[0] == number ? 0 : 1;
            QSocketNotifier again(number, QSocketNotifier::Read);
            QEventLoop loop;
            QObject::connect(&again, &QSocketNotifier::activated, &loop, [&] {
                activated = true;
                loop.quit();
            });
            second.send(1 - side);
            endAfter(loop, 5000);
            loop.exec();
        }));
        QVERIFY2(reused, "the kernel gave the new socket another number");
        QVERIFY(activated);
    }

    void aNotifierDeletedByAnotherReadyOneIsNotActivated_data() { addKinds(); }
    void aNotifierDeletedByAnotherReadyOneIsNotActivated()
    {
        QFETCH(int, kind);
        int activations = 0;
        QVERIFY(runOn(EventLoopKind(kind), [&] {
            SocketPair a, b;
            QEventLoop loop;
            auto *first = new QSocketNotifier(a.fd[0], QSocketNotifier::Read);
            auto *second = new QSocketNotifier(b.fd[0], QSocketNotifier::Read);
            QPointer<QSocketNotifier> firstAlive(first), secondAlive(second);
            // Both ready in the same turn: whichever runs first deletes the other.
            QObject::connect(first, &QSocketNotifier::activated, &loop, [&] {
                ++activations;
                delete secondAlive.data();
                a.drain(0);
            });
            QObject::connect(second, &QSocketNotifier::activated, &loop, [&] {
                ++activations;
                delete firstAlive.data();
                b.drain(0);
            });
            a.send(1);
            b.send(1);
            endAfter(loop, 150);
            loop.exec();
            delete firstAlive.data();
            delete secondAlive.data();
        }));
        QCOMPARE(activations, 1);
    }

    void aClosedPeerWakesTheReadNotifier_data() { addKinds(); }
    void aClosedPeerWakesTheReadNotifier()
    {
        QFETCH(int, kind);
        bool sawEnd = false;
        QVERIFY(runOn(EventLoopKind(kind), [&] {
            SocketPair pair;
            QEventLoop loop;
            QSocketNotifier notifier(pair.fd[0], QSocketNotifier::Read);
            QObject::connect(&notifier, &QSocketNotifier::activated, &loop, [&] {
                char c;
                sawEnd = ::read(pair.fd[0], &c, 1) == 0;
                notifier.setEnabled(false);
                loop.quit();
            });
            ::close(pair.fd[1]);
            pair.fd[1] = -1;
            endAfter(loop, 5000);
            loop.exec();
        }));
        QVERIFY(sawEnd);
    }

    void eventsPostedFromAnotherThreadWakeTheLoop_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("posts");
        for (const auto &[name, kind] :
             {std::pair("qt", EventLoopKind::Qt), std::pair("epoll", EventLoopKind::Epoll)}) {
            QTest::addRow("%s, one post into a blocked loop", name) << int(kind) << 1;
            // Posts racing the loop's own wake-up handling: none may wait for an unrelated event.
            QTest::addRow("%s, racing posts", name) << int(kind) << kRacingPosts;
        }
    }
    void eventsPostedFromAnotherThreadWakeTheLoop()
    {
        QFETCH(int, kind);
        QFETCH(int, posts);
        QAtomicPointer<QObject> receiver;
        QAtomicInt delivered = 0;
        qint64 tookMs = -1;
        std::mutex posterHandBack; // as in runOn(): a hand-back ThreadSanitizer can see
        std::unique_ptr<QThread> poster(QThread::create([&] {
            std::lock_guard lock(posterHandBack);
            QDeadlineTimer deadline(5000);
            while (!receiver.loadAcquire() && !deadline.hasExpired())
                QThread::yieldCurrentThread();
            if (posts == 1)
                QThread::msleep(50); // the loop is blocked in its wait by now
            for (int i = 0; i < posts; ++i) {
                QMetaObject::invokeMethod(receiver.loadAcquire(), [&] {
                    if (delivered.fetchAndAddRelaxed(1) + 1 == posts)
                        QThread::currentThread()->quit();
                });
                if (i % 16 == 0)
                    QThread::yieldCurrentThread(); // let the loop block now and then
            }
        }));
        poster->start();
        QVERIFY(runOn(EventLoopKind(kind), [&] {
            QObject object;
            QElapsedTimer clock;
            clock.start();
            receiver.storeRelease(&object);
            QEventLoop loop; // QThread::quit() ends it; nothing else would wake it for 10 s
            QTimer::singleShot(10'000, &loop, &QEventLoop::quit);
            loop.exec();
            tookMs = clock.elapsed();
        }));
        QVERIFY(poster->wait(QDeadlineTimer(5000)));
        std::lock_guard lock(posterHandBack);
        QCOMPARE(delivered.loadAcquire(), posts);
        QVERIFY2(tookMs < 5000, qPrintable(QString::number(tookMs)));
    }

    void processEventsCanLeaveSocketsAlone_data() { addKinds(); }
    void processEventsCanLeaveSocketsAlone()
    {
        QFETCH(int, kind);
        int excluded = -1, included = -1;
        QVERIFY(runOn(EventLoopKind(kind), [&] {
            SocketPair pair;
            QSocketNotifier notifier(pair.fd[0], QSocketNotifier::Read);
            int activations = 0;
            QObject::connect(&notifier, &QSocketNotifier::activated, &notifier, [&] {
                ++activations;
                pair.drain(0);
            });
            pair.send(1);
            auto *dispatcher = QThread::currentThread()->eventDispatcher();
            dispatcher->processEvents(QEventLoop::ExcludeSocketNotifiers);
            excluded = activations;
            for (int i = 0; i < 10 && activations == 0; ++i)
                dispatcher->processEvents(QEventLoop::AllEvents);
            included = activations;
        }));
        QCOMPARE(excluded, 0);
        QCOMPARE(included, 1);
    }

    void waitForMoreEventsReturnsWhenATimerIsDue_data() { addKinds(); }
    void waitForMoreEventsReturnsWhenATimerIsDue()
    {
        QFETCH(int, kind);
        bool fired = false;
        QVERIFY(runOn(EventLoopKind(kind), [&] {
            QObject context;
            QTimer::singleShot(30, &context, [&] { fired = true; });
            auto *dispatcher = QThread::currentThread()->eventDispatcher();
            QDeadlineTimer deadline(5000);
            while (!fired && !deadline.hasExpired())
                dispatcher->processEvents(QEventLoop::WaitForMoreEvents);
        }));
        QVERIFY(fired);
    }

    void quitFromAnotherThreadInterruptsTheWait_data() { addKinds(); }
    void quitFromAnotherThreadInterruptsTheWait()
    {
        QFETCH(int, kind);
        QElapsedTimer clock;
        std::unique_ptr<QThread> thread(QThread::create([] {
            QEventLoop loop; // QThread::quit() ends it
            QTimer::singleShot(10'000, &loop, &QEventLoop::quit);
            loop.exec();
        }));
        installEventLoop(*thread, EventLoopKind(kind));
        thread->start();
        QTest::qWait(50); // it is waiting in its dispatcher by now
        clock.start();
        thread->quit();
        QVERIFY(thread->wait(QDeadlineTimer(5000)));
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    }

    void settingNamesAreRead_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("kind"); // -1: refused
        QTest::addRow("qt") << "qt" << int(EventLoopKind::Qt);
        QTest::addRow("epoll") << "epoll" << int(EventLoopKind::Epoll);
        QTest::addRow("unknown") << "poll" << -1;
        QTest::addRow("case matters") << "EPOLL" << -1;
        QTest::addRow("empty") << "" << -1;
    }
    void settingNamesAreRead()
    {
        QFETCH(QString, text);
        QFETCH(int, kind);
        const auto parsed = parseEventLoopKind(text);
        QCOMPARE(parsed ? int(*parsed) : -1, kind);
        if (parsed)
            QCOMPARE(toString(*parsed), text);
    }
};

QTEST_GUILESS_MAIN(TestEventDispatcher)
#include "tst_event_dispatcher.moc"
