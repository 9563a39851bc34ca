#include "shared/stream_lifecycle.h"

namespace nova {

QString toString(StreamEvent event)
{
    switch (event) {
    case StreamEvent::Publish:
        return QStringLiteral("publish");
    case StreamEvent::PublishDone:
        return QStringLiteral("publish_done");
    case StreamEvent::GraceExpired:
        return QStringLiteral("grace_expired");
    case StreamEvent::End:
        return QStringLiteral("end");
    case StreamEvent::Fail:
        return QStringLiteral("fail");
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<StreamStatus> nextStatus(StreamStatus from, StreamEvent event)
{
    using S = StreamStatus;
    const bool open = from == S::Pending || from == S::Active || from == S::Reconnecting;
    switch (event) {
    case StreamEvent::Publish:
        return open ? std::optional(S::Active) : std::nullopt;
    case StreamEvent::PublishDone:
        return from == S::Active ? std::optional(S::Reconnecting) : std::nullopt;
    case StreamEvent::GraceExpired:
        return from == S::Reconnecting ? std::optional(S::Completed) : std::nullopt;
    case StreamEvent::End:
        return open ? std::optional(S::Completed) : std::nullopt;
    case StreamEvent::Fail:
        return open ? std::optional(S::Failed) : std::nullopt;
    }
    return std::nullopt;
}

} // namespace nova
