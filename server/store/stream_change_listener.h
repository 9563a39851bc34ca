#pragma once

#include "server/store/stream_store.h"

#include <QObject>

#include <atomic>
#include <string>
#include <thread>

namespace nova {

// Hears every committed change of a stream, made by any replica, from PostgreSQL's
// LISTEN/NOTIFY (channel nova_stream_changes, sent by a trigger on commit) on a connection and
// thread of its own; the live events sent that way while Redis is away (nova_stream_events); and
// tokens issued and revoked (nova_token_changes).
// While it cannot listen, what it reported can no longer be trusted: it says so with
// listening(false), reconnects with growing delays, and says listening(true) again.
class StreamChangeListener : public QObject
{
    Q_OBJECT

public:
    explicit StreamChangeListener(std::string databaseUrl, QObject *parent = nullptr);
    ~StreamChangeListener() override;

    void start();

    // A notification's payload as a record (without key material); nullopt if malformed.
    static std::optional<StreamRecord> parsePayload(const QByteArray &payload);

signals:
    void changed(const nova::StreamRecord &record);
    void eventNotified(const QByteArray &eventJson);
    // A token was issued or revoked (nova_token_changes); the payload as PostgreSQL sent it.
    void tokenNotified(const QByteArray &payload);
    void listening(bool active);

private:
    void run();

    std::string m_url;
    std::atomic<bool> m_stopping{false};
    std::thread m_thread;
};

} // namespace nova

Q_DECLARE_METATYPE(nova::StreamRecord)
