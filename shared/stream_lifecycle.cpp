#include "shared/stream_lifecycle.h"

namespace nova {

QString toString(StreamEvent event)
{
    switch (event) {
    case StreamEvent::Publish:
        return QStringLiteral("publish");
    case StreamEvent::PublishDone:
        return QStringLiteral("publish_done");
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
    switch (event) {
    case StreamEvent::Publish:
        if (from == S::Pending || from == S::Active)
            return S::Active;
        return std::nullopt;
    case StreamEvent::PublishDone:
        if (from == S::Active)
            return S::Completed;
        return std::nullopt;
    case StreamEvent::End:
        if (from == S::Pending || from == S::Active)
            return S::Completed;
        return std::nullopt;
    case StreamEvent::Fail:
        if (from == S::Pending || from == S::Active)
            return S::Failed;
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace nova
