#pragma once

#include <QAbstractEventDispatcher>
#include <QAtomicInt>
#include <QSocketNotifier>

#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

struct epoll_event;

namespace nova {

// An event dispatcher on Linux's epoll, for threads that watch thousands of sockets: Qt's own
// rebuilds a pollfd array of every notifier and polls them all on every loop turn, so each turn
// costs as much as there are sockets; here a turn costs as much as there are ready ones. Timers
// live in a deadline-ordered map, wake-ups and posted events come through an eventfd. One per
// thread, installed before the thread starts (QThread::setEventDispatcher).
// Changes to what a descriptor is watched for reach epoll once, just before the next wait: a
// socket's write notifier, enabled by a write and disabled by the flush right after it, then
// costs no system call at all.
class EpollEventDispatcher final : public QAbstractEventDispatcher
{
    Q_OBJECT

public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    // The notifiers of one descriptor, by QSocketNotifier::Type, and what epoll was last told.
    struct Watch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        quint32 armed = 0;    // the events epoll has for it (0: not in epoll)
        bool changed = false; // listed in m_changed
        quint32 events() const;
    };
    struct Timer
    {
        int id = 0;
        qint64 intervalMs = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        qint64 deadlineUs = 0; // CLOCK_MONOTONIC
        std::multimap<qint64, int>::iterator queued;
    };

    void noteChange(int fd, Watch &watch);
    void applyChanges();
    int waitTimeoutMs(bool mayWait) const;
    int activateTimers();
    int activateNotifiers(int ready);
    void drainWakeUp();
    void activate(int fd, QSocketNotifier::Type type, int &activated);
    void schedule(Timer &timer, qint64 fromUs);

    int m_epoll = -1;
    int m_wakeFd = -1;
    QAtomicInt m_wakeUps;     // a wake-up is written to the eventfd and not yet read
    QAtomicInt m_interrupted; // interrupt() since the last processEvents
    std::unordered_map<int, Watch> m_watches;
    std::vector<int> m_changed; // descriptors whose notifiers changed since the last wait
    std::unordered_map<int, Timer> m_timers;
    std::multimap<qint64, int> m_deadlines; // timer deadlines (µs), soonest first
    std::vector<::epoll_event> m_ready;
};

} // namespace nova
