#include "server/eventloop/event_loop_kind.h"

#include "server/eventloop/epoll_event_dispatcher.h"

#include <QThread>

namespace nova {

std::optional<EventLoopKind> parseEventLoopKind(const QString &text)
{
    if (text == u"qt")
        return EventLoopKind::Qt;
    if (text == u"epoll")
        return EventLoopKind::Epoll;
    return std::nullopt;
}

QString toString(EventLoopKind kind)
{
    return kind == EventLoopKind::Epoll ? QStringLiteral("epoll") : QStringLiteral("qt");
}

void installEventLoop(QThread &thread, EventLoopKind kind)
{
    Q_ASSERT(!thread.isRunning());
    if (kind == EventLoopKind::Epoll)
        thread.setEventDispatcher(new EpollEventDispatcher); // the thread takes it
}

} // namespace nova
