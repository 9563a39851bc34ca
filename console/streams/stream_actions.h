#pragma once

#include "shared/stream.h"

#include <QObject>
#include <QUuid>

namespace nova {

class ApiClient;

// What an operator does to a stream from the console: ending it (DELETE /streams/{id}) and
// dropping its publisher alone (DELETE /streams/{id}/publisher). Each tells how it went.
class StreamActions : public QObject
{
    Q_OBJECT

public:
    explicit StreamActions(ApiClient &api, QObject *parent = nullptr);

    void end(const QUuid &stream, const QString &title);
    void dropPublisher(const QUuid &stream, const QString &title);

signals:
    void ended(const nova::Stream &stream);
    void publisherDropped(const nova::Stream &stream);
    void failed(const QUuid &stream, const QString &message);

private:
    ApiClient &m_api;
};

} // namespace nova
