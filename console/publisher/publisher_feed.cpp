#include "console/publisher/publisher_feed.h"

#include "console/async/future_outcome.h"
#include "shared/api_client.h"

namespace nova {

PublisherFeed::PublisherFeed(ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{
    m_timer.setInterval(kInterval);
    connect(&m_timer, &QTimer::timeout, this, &PublisherFeed::refresh);
}

void PublisherFeed::follow(const QUuid &stream, bool live)
{
    if (stream == m_stream && live == m_live)
        return;
    m_stream = stream;
    m_live = live;
    ++m_generation;
    if (!live) {
        m_timer.stop();
        emit unavailable(stream.isNull() ? QString() : tr("No publisher: the stream is not live"));
        return;
    }
    m_timer.start();
    refresh();
}

void PublisherFeed::refresh()
{
    if (!m_live)
        return;
    const quint64 generation = ++m_generation;
    whenFinished(m_api.publisher(m_stream), this,
                 [this, generation](const QFuture<PublisherDetails> &done) {
                     if (generation != m_generation)
                         return;
                     QString problem;
                     if (const auto details = resultOf(done, &problem))
                         emit read(*details);
                     else
                         emit unavailable(problem);
                 });
}

} // namespace nova
