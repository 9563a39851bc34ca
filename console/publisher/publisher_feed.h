#pragma once

#include "shared/publisher_details.h"

#include <QObject>
#include <QTimer>
#include <QUuid>

#include <chrono>

namespace nova {

class ApiClient;

// Keeps the details of one stream's live publisher current: read as soon as the stream is
// followed live, then every few seconds while it stays live. Says why when there are none.
class PublisherFeed : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::seconds kInterval{5};

    explicit PublisherFeed(ApiClient &api, QObject *parent = nullptr);

    // The stream to describe, and whether it has a publisher now; the same again changes nothing.
    void follow(const QUuid &stream, bool live);
    void refresh();

signals:
    void read(const nova::PublisherDetails &details);
    void unavailable(const QString &reason);

private:
    ApiClient &m_api;
    QUuid m_stream;
    bool m_live = false;
    QTimer m_timer;
    quint64 m_generation = 0; // answers about a stream no longer followed are dropped
};

} // namespace nova
