#pragma once

#include "console/alertmanager/alertmanager_types.h"

#include <QObject>
#include <QTimer>

#include <chrono>

namespace nova {

class AlertmanagerClient;

// What Alertmanager holds, kept current (every few seconds and after each change made here): its
// alerts, active and silenced, and its silences. Makes and expires silences.
class SilencesFeed : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::seconds kInterval{5};

    explicit SilencesFeed(AlertmanagerClient &client, QObject *parent = nullptr);

    void start();
    void refresh();
    void create(const SilenceRequest &request);
    void expire(const QString &id);

signals:
    void read(const QList<nova::ManagedAlert> &alerts, const QList<nova::Silence> &silences);
    void unavailable(const QString &reason);
    void created(const QString &id);
    void expired(const QString &id);
    void actionFailed(const QString &message);

private:
    AlertmanagerClient &m_client;
    QTimer m_timer;
    quint64 m_generation = 0; // only the newest reading is told
};

} // namespace nova
