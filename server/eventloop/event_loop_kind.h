#pragma once

#include <QString>

#include <optional>

class QThread;

namespace nova {

// Which event dispatcher a thread runs: Qt's own, or the epoll one (a setting, so that the two can
// be compared in one run).
enum class EventLoopKind
{
    Qt,
    Epoll
};

std::optional<EventLoopKind> parseEventLoopKind(const QString &text); // "qt" or "epoll"
QString toString(EventLoopKind kind);

// Gives `thread`, not started yet, the dispatcher `kind` names; Qt's is the default it makes
// itself.
void installEventLoop(QThread &thread, EventLoopKind kind);

} // namespace nova
