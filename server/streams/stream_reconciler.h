#pragma once

#include "server/ingest/nginx_stat.h"

#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUuid>

#include <chrono>
#include <optional>

namespace nova {

class StreamService;

// Keeps the streams' statuses true to what the ingest nodes have. nginx-rtmp sends done callbacks
// once and never retries, so a stream can stay ACTIVE after its publisher is gone (a lost callback,
// a killed nginx, a server restart): each node's /stat reading is compared with the ACTIVE streams
// that node holds; those seen live are marked seen, those missing with no sign of life for
// `orphanSilence` go to RECONNECTING, as a done callback would have made them. A node whose /stat
// does not answer has nothing live: its streams go the same way once that silence has passed
// (their publishers, if alive, come back on another node). After a node's nginx restarts, its
// publishers get that long to reconnect first. Apart from nginx, every second, RECONNECTING
// streams whose publisher stayed away for `reconnectGrace` are completed: that needs no reading of
// nginx, so it goes on while every node is away.
class StreamReconciler : public QObject
{
    Q_OBJECT

public:
    StreamReconciler(StreamService &service, QString application,
                     std::chrono::seconds orphanSilence, std::chrono::seconds reconnectGrace,
                     QObject *parent = nullptr);

    void start();
    void reconcile(const QString &node, const NginxStat &stat);
    void nodeUnavailable(const QString &node);

private:
    void completeExpired();
    void interrupt(const QString &node, const QList<QUuid> &live,
                   std::optional<std::chrono::seconds> silence);

    StreamService &m_service;
    QString m_application;
    std::chrono::seconds m_orphanSilence;
    std::chrono::seconds m_reconnectGrace;
    QTimer m_expiry;
    QSet<QString> m_reconciling; // nodes whose last reading is still being compared
    bool m_expiring = false;
};

} // namespace nova
