#include "console/streams/stream_actions.h"

#include "console/async/future_outcome.h"
#include "shared/api_client.h"

namespace nova {

StreamActions::StreamActions(ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{}

void StreamActions::end(const QUuid &stream, const QString &title)
{
    whenFinished(m_api.endStream(stream), this, [this, stream, title](const QFuture<Stream> &done) {
        QString problem;
        if (const auto ended = resultOf(done, &problem))
            emit this->ended(*ended);
        else
            emit failed(stream, tr("Could not end \"%1\": %2").arg(title, problem));
    });
}

void StreamActions::dropPublisher(const QUuid &stream, const QString &title)
{
    whenFinished(
        m_api.dropPublisher(stream), this, [this, stream, title](const QFuture<Stream> &done) {
            QString problem;
            if (const auto dropped = resultOf(done, &problem))
                emit publisherDropped(*dropped);
            else
                emit failed(stream,
                            tr("Could not drop the publisher of \"%1\": %2").arg(title, problem));
        });
}

} // namespace nova
