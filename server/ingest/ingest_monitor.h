#pragma once

#include "server/ingest/nginx_stat.h"

#include <QObject>
#include <QTimer>

#include <chrono>

namespace nova {

class IngestClient;

// Reads nginx's /stat on a fixed interval and tells whoever needs to know what is live: one
// reading serves the reconciler and the history sampler alike.
class IngestMonitor : public QObject
{
    Q_OBJECT

public:
    // `node`: the ingest node's name, for the log.
    IngestMonitor(IngestClient &client, std::chrono::milliseconds interval, QString node,
                  QObject *parent = nullptr);

    void start();

signals:
    void statRead(const nova::NginxStat &stat);
    void statUnavailable(const QString &reason);

private:
    void poll();

    IngestClient &m_client;
    QString m_node;
    QTimer m_timer;
    bool m_polling = false;
    bool m_reportedDown = false;
};

} // namespace nova
