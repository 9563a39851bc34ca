#include "server/hub/hub_upgrade.h"

#include "server/cache/viewer_presence.h"
#include "shared/api_error.h"

#include <QUrlQuery>

namespace nova {

namespace {
constexpr int kMaxSinceStreams = 100;

QString sinceOf(const QUrlQuery &query)
{
    return query.queryItemValue(QStringLiteral("since"));
}
} // namespace

HubUpgrade HubUpgrade::viewer(const QUuid &stream, const QUrlQuery &query, bool counted)
{
    HubUpgrade upgrade;
    upgrade.kind = HubSession::Kind::Viewer;
    upgrade.stream = stream;
    upgrade.countedViewer = counted;
    // A watch page names its viewer, so that its socket and its playback reports count once.
    upgrade.viewerId = query.queryItemValue(QStringLiteral("viewer"), QUrl::FullyDecoded).toUtf8();
    if (!upgrade.viewerId.isEmpty() && !ViewerPresence::isViewerId(upgrade.viewerId))
        throw ApiError::badRequest(
            QStringLiteral("'viewer' must be 16 to 64 of A-Z, a-z, 0-9, '_' and '-'"),
            QStringLiteral("invalid_query"));
    bool ok = false;
    const qint64 seq = sinceOf(query).toLongLong(&ok);
    if (ok && seq >= 0)
        upgrade.since.insert(stream, seq);
    return upgrade;
}

HubUpgrade HubUpgrade::operatorFeed(const QUrlQuery &query)
{
    HubUpgrade upgrade;
    const QStringList items = sinceOf(query).split(u',', Qt::SkipEmptyParts);
    for (const QString &item : items.mid(0, kMaxSinceStreams)) {
        const qsizetype colon = item.lastIndexOf(u':');
        bool ok = false;
        const QUuid id = QUuid::fromString(QStringView(item).left(colon));
        const qint64 seq = item.mid(colon + 1).toLongLong(&ok);
        if (colon > 0 && ok && seq >= 0 && !id.isNull())
            upgrade.since.insert(id, seq);
    }
    return upgrade;
}

} // namespace nova
