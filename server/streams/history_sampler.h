#pragma once

#include "server/ingest/nginx_stat.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QUuid>

#include <chrono>
#include <functional>

namespace nova {

class Database;

// Records a live stream's history (viewers, bitrate, fps) from each /stat reading, one sample per
// stream per slot of `interval`; replicas taking the same sample store it once. Bitrate is measured
// from nginx's byte counter over our own interval; fps is what the publisher declares. Samples
// older than the retention are pruned.
class HistorySampler : public QObject
{
    Q_OBJECT

public:
    using ViewerCount = std::function<int(const QUuid &)>;

    HistorySampler(Database &database, QString application, std::chrono::seconds interval,
                   std::chrono::hours retention, ViewerCount viewers, QObject *parent = nullptr);

    void sample(const NginxStat &stat);

private:
    struct Reading
    {
        qint64 bytesIn = 0;
        QDateTime at;
    };

    Database &m_database;
    QString m_application;
    std::chrono::seconds m_interval;
    std::chrono::hours m_retention;
    ViewerCount m_viewers;
    QHash<QUuid, Reading> m_previous;
    QDateTime m_lastSlot;
    QDateTime m_lastPrune;
};

} // namespace nova
