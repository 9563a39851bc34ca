#pragma once

#include "server/hub/hub_session.h"

#include <QByteArray>
#include <QHash>
#include <QUuid>

class QUrlQuery;

namespace nova {

// A WebSocket upgrade that passed one of the hub's route checks, as the hub takes it: whose socket
// it is (one stream's viewer, or an operator of all streams), what the client missed (?since=SEQ
// on a stream's socket, ?since=ID:SEQ,ID:SEQ on the operator feed; a malformed one asks for
// nothing), and whether it counts as a viewer (a stream's socket opened with a token does not).
struct HubUpgrade
{
    HubSession::Kind kind = HubSession::Kind::Operator;
    QUuid stream; // a viewer's
    QHash<QUuid, qint64> since;
    bool countedViewer = false;
    QByteArray viewerId; // the name a watch page gave its viewer, if any

    // Throws ApiError (400, invalid_query) for a viewer name that is not one.
    static HubUpgrade viewer(const QUuid &stream, const QUrlQuery &query, bool counted);
    static HubUpgrade operatorFeed(const QUrlQuery &query);

    bool counted() const { return kind == HubSession::Kind::Viewer && countedViewer; }
};

} // namespace nova
