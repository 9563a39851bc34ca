#include "console/streams/stream_history_feed.h"

#include "console/async/future_outcome.h"
#include "shared/api_client.h"

namespace nova {

StreamHistoryFeed::StreamHistoryFeed(ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{}

void StreamHistoryFeed::load(const QUuid &stream, const QDateTime &from, const QDateTime &to,
                             std::chrono::seconds step)
{
    const quint64 generation = ++m_generation;
    whenFinished(m_api.history(stream, from, to, step), this,
                 [this, generation, stream](const QFuture<QList<StreamSample>> &done) {
                     if (generation != m_generation)
                         return;
                     QString problem;
                     if (const auto samples = resultOf(done, &problem))
                         emit loaded(stream, *samples);
                     else
                         emit unavailable(stream, problem);
                 });
}

} // namespace nova
