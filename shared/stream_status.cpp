#include "shared/stream_status.h"

#include <array>

namespace nova {

namespace {
struct StatusName
{
    StreamStatus status;
    const char16_t *name;
};

constexpr std::array kNames{
    StatusName{StreamStatus::Pending, u"PENDING"},
    StatusName{StreamStatus::Active, u"ACTIVE"},
    StatusName{StreamStatus::Reconnecting, u"RECONNECTING"},
    StatusName{StreamStatus::Completed, u"COMPLETED"},
    StatusName{StreamStatus::Failed, u"FAILED"},
};
} // namespace

QString toString(StreamStatus status)
{
    for (const auto &entry : kNames) {
        if (entry.status == status)
            return QString::fromUtf16(entry.name);
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<StreamStatus> parseStreamStatus(QStringView text)
{
    for (const auto &entry : kNames) {
        if (text.compare(QStringView(entry.name), Qt::CaseInsensitive) == 0)
            return entry.status;
    }
    return std::nullopt;
}

bool isTerminal(StreamStatus status)
{
    return status == StreamStatus::Completed || status == StreamStatus::Failed;
}

} // namespace nova
