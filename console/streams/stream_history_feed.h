#pragma once

#include "shared/stream.h"

#include <QDateTime>
#include <QObject>
#include <QUuid>

#include <chrono>

namespace nova {

class ApiClient;

// One stream's sampled history (GET /streams/{id}/metrics), read when asked; only the answer
// about the stream asked for last is told.
class StreamHistoryFeed : public QObject
{
    Q_OBJECT

public:
    explicit StreamHistoryFeed(ApiClient &api, QObject *parent = nullptr);

    void load(const QUuid &stream, const QDateTime &from, const QDateTime &to,
              std::chrono::seconds step);

signals:
    void loaded(const QUuid &stream, const QList<nova::StreamSample> &samples);
    void unavailable(const QUuid &stream, const QString &reason);

private:
    ApiClient &m_api;
    quint64 m_generation = 0;
};

} // namespace nova
