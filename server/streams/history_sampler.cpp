#include "server/streams/history_sampler.h"

#include "server/store/database.h"
#include "server/store/stream_store.h"
#include "shared/qt_compat.h"

#include <QLoggingCategory>

namespace nova {

Q_DECLARE_LOGGING_CATEGORY(lcStreams)

namespace {
constexpr auto kPruneEvery = std::chrono::hours(1);
}

HistorySampler::HistorySampler(Database &database, QString application,
                               std::chrono::seconds interval, std::chrono::hours retention,
                               ViewerCount viewers, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_application(std::move(application))
    , m_interval(interval)
    , m_retention(retention)
    , m_viewers(std::move(viewers))
{}

void HistorySampler::sample(const NginxStat &stat)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 intervalMs = std::chrono::milliseconds(m_interval).count();
    const QDateTime slot =
        utcFromMSecsSinceEpoch(now.toMSecsSinceEpoch() / intervalMs * intervalMs);

    struct Sample
    {
        QUuid id;
        int viewers;
        double kbps;
        double fps;
    };
    QList<Sample> samples;
    QHash<QUuid, Reading> readings;
    for (const NginxStat::Stream &stream : stat.publishing(m_application)) {
        const QUuid id = QUuid::fromString(stream.name);
        if (id.isNull())
            continue;
        const Reading current{stream.bytesIn, now};
        readings.insert(id, current);
        const auto previous = m_previous.constFind(id);
        // A first reading, or a counter that went back (nginx restarted): no rate yet.
        if (previous == m_previous.cend() || previous->bytesIn > current.bytesIn)
            continue;
        const double seconds = previous->at.msecsTo(now) / 1000.0;
        if (seconds <= 0)
            continue;
        const double kbps = (current.bytesIn - previous->bytesIn) * 8.0 / 1000.0 / seconds;
        samples.append({id, m_viewers ? m_viewers(id) : 0, kbps, stream.frameRate});
    }
    m_previous = readings;
    if (slot == m_lastSlot || samples.isEmpty())
        return;
    m_lastSlot = slot;

    const bool prune = !m_lastPrune.isValid() ||
                       m_lastPrune.msecsTo(now) > std::chrono::milliseconds(kPruneEvery).count();
    if (prune)
        m_lastPrune = now;
    const QDateTime pruneBefore = now.addSecs(-std::chrono::seconds(m_retention).count());
    m_database
        .transact([samples, slot, prune, pruneBefore](pqxx::work &tx) {
            StreamStore store(tx);
            for (const Sample &sample : samples)
                store.addSample(sample.id, slot, sample.viewers, sample.kbps, sample.fps);
            return prune ? store.pruneSamples(pruneBefore) : 0;
        })
        .then(this, [](QFuture<int> done) {
            try {
                if (const int pruned = done.result())
                    qCInfo(lcStreams) << "pruned" << pruned << "history samples";
            } catch (const std::exception &error) {
                qCWarning(lcStreams) << "could not record stream history:" << error.what();
            }
        });
}

} // namespace nova
