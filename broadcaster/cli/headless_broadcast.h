#pragma once

#include "broadcaster/cli/broadcast_options.h"
#include "broadcaster/media/media_error.h"

#include <QJsonObject>
#include <QObject>
#include <QUuid>

#include <memory>

namespace nova {

class ApiClient;
class BroadcastPipeline;
struct BroadcastStats;

// nova-broadcaster --headless: creates the stream if asked, goes live, and reports on stdout as
// JSON lines ({"event":"stream_created"|"live"|"stats"|"stopped", ...}); human messages go to
// stderr. Never prints the stream key. A stream it created it also ends when it stops (otherwise
// the server would wait out its reconnect grace for a publisher that will never come back); a
// stream it was handed a key for is left to that grace. Emits done() with the exit status.
class HeadlessBroadcast : public QObject
{
    Q_OBJECT

public:
    explicit HeadlessBroadcast(BroadcastOptions options, QObject *parent = nullptr);
    ~HeadlessBroadcast() override;

    void start();
    // SIGINT/SIGTERM: end cleanly.
    void stop();

signals:
    void done(int exitStatus);

private:
    void goLive();
    void onStats(const BroadcastStats &stats);
    void onFinished(bool clean, const QString &error, MediaError::Kind kind);
    void emitLine(const QString &event, QJsonObject fields = {});
    // Ends the stream this broadcast created, if any, then emits done(exitStatus).
    void finish(int exitStatus);

    BroadcastOptions m_options;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<BroadcastPipeline> m_pipeline;
    QUuid m_createdStream;
    bool m_stopping = false;
};

} // namespace nova
