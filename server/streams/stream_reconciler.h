#pragma once

#include "server/ingest/nginx_stat.h"

#include <QObject>
#include <QTimer>

#include <chrono>

namespace nova {

class StreamService;

// Keeps the streams' statuses true to what the ingest server has. nginx-rtmp sends done callbacks
// once and never retries, so a stream can stay ACTIVE after its publisher is gone (a lost callback,
// a killed nginx, a server restart): each /stat reading is compared with the ACTIVE streams; those
// seen live are marked seen, those missing with no sign of life for `orphanSilence` go to
// RECONNECTING, as a done callback would have made them. After nginx itself restarts, its
// publishers get that long to reconnect first. Apart from nginx, every second, RECONNECTING
// streams whose publisher stayed away for `reconnectGrace` are completed: that needs no reading of
// nginx, so it goes on while nginx is away.
class StreamReconciler : public QObject
{
    Q_OBJECT

public:
    StreamReconciler(StreamService &service, QString application,
                     std::chrono::seconds orphanSilence, std::chrono::seconds reconnectGrace,
                     QObject *parent = nullptr);

    void start();
    void reconcile(const NginxStat &stat);

private:
    void completeExpired();

    StreamService &m_service;
    QString m_application;
    std::chrono::seconds m_orphanSilence;
    std::chrono::seconds m_reconnectGrace;
    QTimer m_expiry;
    bool m_reconciling = false;
    bool m_expiring = false;
};

} // namespace nova
