#pragma once

#include "server/ingest/nginx_stat.h"

#include <QObject>

#include <chrono>

namespace nova {

class StreamService;

// nginx-rtmp sends done callbacks once and never retries, so a stream can stay ACTIVE after its
// publisher is gone (a lost callback, a killed nginx, a server restart). Each /stat reading is
// compared with the ACTIVE streams: those seen live are marked seen; those missing, with no sign
// of life for the grace period, are completed. After nginx itself restarts, its publishers get the
// same grace to reconnect before anything is completed.
class StreamReconciler : public QObject
{
    Q_OBJECT

public:
    StreamReconciler(StreamService &service, QString application, std::chrono::seconds grace,
                     QObject *parent = nullptr);

    void reconcile(const NginxStat &stat);

private:
    StreamService &m_service;
    QString m_application;
    std::chrono::seconds m_grace;
    bool m_running = false;
};

} // namespace nova
