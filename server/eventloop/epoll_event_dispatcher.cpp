#include "server/eventloop/epoll_event_dispatcher.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTimerEvent>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <utility>

namespace nova {

Q_LOGGING_CATEGORY(lcEventLoop, "nova.eventloop")

namespace {

// Microseconds, so that a timer never fires early by the part of a millisecond a clock cut off.
qint64 nowUs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1'000'000 + now.tv_nsec / 1000;
}

// What wakes each kind of notifier, as Qt's own dispatcher reads poll()'s answer.
constexpr quint32 kReadEvents = EPOLLIN | EPOLLHUP | EPOLLERR | EPOLLRDHUP;
constexpr quint32 kWriteEvents = EPOLLOUT | EPOLLERR;
constexpr quint32 kExceptionEvents = EPOLLPRI | EPOLLERR;

} // namespace

quint32 EpollEventDispatcher::Watch::events() const
{
    return (read ? quint32(EPOLLIN | EPOLLRDHUP) : 0u) | (write ? quint32(EPOLLOUT) : 0u) |
           (exception ? quint32(EPOLLPRI) : 0u);
}

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_epoll(epoll_create1(EPOLL_CLOEXEC))
    , m_wakeFd(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC))
    , m_ready(256)
{
    if (m_epoll < 0 || m_wakeFd < 0)
        qFatal("epoll event dispatcher: cannot create its descriptors: %s", std::strerror(errno));
    epoll_event wake{};
    wake.events = EPOLLIN;
    wake.data.fd = m_wakeFd;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &wake);
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(m_wakeFd);
    ::close(m_epoll);
}

// ---------------------------------------------------------------------------------------------
// The loop

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.storeRelaxed(0);
    emit awake();
    QCoreApplication::sendPostedEvents();
    if (m_interrupted.loadRelaxed())
        return false;

    const bool withNotifiers = !flags.testFlag(QEventLoop::ExcludeSocketNotifiers);
    const bool withTimers = !flags.testFlag(QEventLoop::X11ExcludeTimers);
    const bool mayWait = flags.testFlag(QEventLoop::WaitForMoreEvents);
    const int timeout = mayWait ? waitTimeoutMs(withTimers) : 0;
    if (timeout != 0)
        emit aboutToBlock();

    int activated = 0;
    if (withNotifiers) {
        applyChanges();
        int ready = epoll_wait(m_epoll, m_ready.data(), int(m_ready.size()), timeout);
        if (ready < 0) {
            if (errno != EINTR)
                qCWarning(lcEventLoop) << "epoll_wait failed:" << std::strerror(errno);
            ready = 0;
        }
        activated += activateNotifiers(ready);
        // A full batch: more may be ready; the next turn takes them, with room for more.
        if (ready == int(m_ready.size()) && m_ready.size() < 16384)
            m_ready.resize(m_ready.size() * 2);
    } else {
        // Sockets are not to be looked at: wait for a wake-up (or a timer) alone.
        pollfd wake{m_wakeFd, POLLIN, 0};
        if (::poll(&wake, 1, timeout) > 0) {
            drainWakeUp();
            ++activated;
        }
    }
    if (withTimers && !m_interrupted.loadRelaxed())
        activated += activateTimers();
    return activated > 0;
}

int EpollEventDispatcher::waitTimeoutMs(bool withTimers) const
{
    if (!withTimers || m_deadlines.empty())
        return -1;
    const qint64 waitUs = m_deadlines.begin()->first - nowUs();
    return int(std::clamp<qint64>((waitUs + 999) / 1000, 0, 24 * 3600 * 1000)); // rounded up
}

void EpollEventDispatcher::drainWakeUp()
{
    // Read, then cleared: a wake-up that found the flag still set posted its event before the
    // clear, so the next turn's sendPostedEvents() delivers it; one after the clear writes again.
    // (Cleared first, a wake-up between the clear and the read would be swallowed and leave the
    // flag set: every later wake-up would then be lost.)
    quint64 count = 0;
    while (::read(m_wakeFd, &count, sizeof count) < 0 && errno == EINTR) {
    }
    m_wakeUps.storeRelease(0);
}

int EpollEventDispatcher::activateNotifiers(int ready)
{
    int activated = 0;
    for (int i = 0; i < ready; ++i) {
        const int fd = m_ready[i].data.fd;
        const quint32 events = m_ready[i].events;
        if (fd == m_wakeFd) {
            drainWakeUp();
            ++activated;
            continue;
        }
        if (m_interrupted.loadRelaxed())
            continue;
        if (events & kReadEvents)
            activate(fd, QSocketNotifier::Read, activated);
        if (events & kWriteEvents)
            activate(fd, QSocketNotifier::Write, activated);
        if (events & kExceptionEvents)
            activate(fd, QSocketNotifier::Exception, activated);
    }
    return activated;
}

void EpollEventDispatcher::activate(int fd, QSocketNotifier::Type type, int &activated)
{
    // Looked up again for each: an earlier handler may have disabled or deleted this notifier.
    const auto found = m_watches.find(fd);
    if (found == m_watches.end())
        return;
    QSocketNotifier *notifier = type == QSocketNotifier::Read    ? found->second.read
                                : type == QSocketNotifier::Write ? found->second.write
                                                                 : found->second.exception;
    if (!notifier)
        return;
    QEvent event(QEvent::SockAct);
    QCoreApplication::sendEvent(notifier, &event);
    ++activated;
}

void EpollEventDispatcher::wakeUp()
{
    if (m_wakeUps.testAndSetAcquire(0, 1)) {
        const quint64 one = 1;
        while (::write(m_wakeFd, &one, sizeof one) < 0 && errno == EINTR) {
        }
    }
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.storeRelaxed(1);
    wakeUp();
}

// ---------------------------------------------------------------------------------------------
// Socket notifiers

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    Watch &watch = m_watches[fd];
    switch (notifier->type()) {
    case QSocketNotifier::Read:
        watch.read = notifier;
        break;
    case QSocketNotifier::Write:
        watch.write = notifier;
        break;
    case QSocketNotifier::Exception:
        watch.exception = notifier;
        break;
    }
    noteChange(fd, watch);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const auto found = m_watches.find(fd);
    if (found == m_watches.end())
        return;
    Watch &watch = found->second;
    if (watch.read == notifier)
        watch.read = nullptr;
    if (watch.write == notifier)
        watch.write = nullptr;
    if (watch.exception == notifier)
        watch.exception = nullptr;
    if (watch.events() == 0) {
        // At once, not before the next wait: the descriptor may be closed and its number reused
        // by a new socket within this turn. (Fails harmlessly when it was closed first.)
        if (watch.armed)
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        m_watches.erase(found);
        return;
    }
    noteChange(fd, watch);
}

void EpollEventDispatcher::noteChange(int fd, Watch &watch)
{
    if (!std::exchange(watch.changed, true))
        m_changed.push_back(fd);
}

void EpollEventDispatcher::applyChanges()
{
    for (const int fd : m_changed) {
        const auto found = m_watches.find(fd);
        if (found == m_watches.end())
            continue; // its notifiers all went since
        Watch &watch = found->second;
        watch.changed = false;
        const quint32 wanted = watch.events();
        if (wanted == watch.armed)
            continue; // enabled and disabled again (or the other way round) within the turn
        epoll_event event{};
        event.events = wanted;
        event.data.fd = fd;
        int result = epoll_ctl(m_epoll, watch.armed ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event);
        // A descriptor closed and reused without its notifiers being told: epoll knows it no
        // more, or already knows its new self.
        if (result < 0 && errno == ENOENT)
            result = epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
        else if (result < 0 && errno == EEXIST)
            result = epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
        if (result < 0) {
            qCWarning(lcEventLoop)
                << "cannot watch descriptor" << fd << ":" << std::strerror(errno);
            continue;
        }
        watch.armed = wanted;
    }
    m_changed.clear();
}

// ---------------------------------------------------------------------------------------------
// Timers

void EpollEventDispatcher::schedule(Timer &timer, qint64 fromUs)
{
    timer.deadlineUs = fromUs + timer.intervalMs * 1000;
    timer.queued = m_deadlines.emplace(timer.deadlineUs, timer.id);
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject *object)
{
    unregisterTimer(timerId); // a re-registered id starts over
    Timer &timer = m_timers[timerId];
    timer.id = timerId;
    timer.intervalMs = std::max<qint64>(interval, 0);
    timer.type = timerType;
    timer.object = object;
    schedule(timer, nowUs());
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto found = m_timers.find(timerId);
    if (found == m_timers.end())
        return false;
    m_deadlines.erase(found->second.queued);
    m_timers.erase(found);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    bool any = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->second.object == object) {
            m_deadlines.erase(it->second.queued);
            it = m_timers.erase(it);
            any = true;
        } else {
            ++it;
        }
    }
    return any;
}

QList<QAbstractEventDispatcher::TimerInfo>
EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> timers;
    for (const auto &[id, timer] : m_timers) {
        if (timer.object == object)
            timers.append(TimerInfo(id, int(timer.intervalMs), timer.type));
    }
    return timers;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto found = m_timers.find(timerId);
    if (found == m_timers.end())
        return -1;
    return int(std::max<qint64>((found->second.deadlineUs - nowUs() + 999) / 1000, 0));
}

int EpollEventDispatcher::activateTimers()
{
    const qint64 now = nowUs();
    // The due ones first: handlers register, unregister and delete timers as they run.
    std::vector<int> due;
    for (auto it = m_deadlines.begin(); it != m_deadlines.end() && it->first <= now; ++it)
        due.push_back(it->second);
    int fired = 0;
    for (const int id : due) {
        if (m_interrupted.loadRelaxed())
            break;
        const auto found = m_timers.find(id);
        if (found == m_timers.end() || found->second.deadlineUs > now)
            continue; // gone, or started over, since
        Timer &timer = found->second;
        // Next due one interval after this one, or after now if it fell behind (no bursts);
        // moved before the event, so that a nested loop inside the handler does not fire it again.
        m_deadlines.erase(timer.queued);
        schedule(timer, timer.deadlineUs + timer.intervalMs * 1000 > now ? timer.deadlineUs : now);
        QTimerEvent event(id);
        QCoreApplication::sendEvent(timer.object, &event);
        ++fired;
    }
    return fired;
}

} // namespace nova
