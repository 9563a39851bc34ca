#include "broadcaster/cli/headless_broadcast.h"

#include "broadcaster/cli/exit_status.h"
#include "broadcaster/pipeline/broadcast_pipeline.h"
#include "broadcaster/scene/composed_source.h"
#include "broadcaster/scene/scene_builder.h"
#include "shared/api_client.h"
#include "shared/api_error.h"
#include "shared/rfc3339.h"

#include <QJsonDocument>
#include <QLoggingCategory>

#include <cstdio>

namespace nova {

Q_LOGGING_CATEGORY(lcBroadcast, "nova.broadcaster")

HeadlessBroadcast::HeadlessBroadcast(BroadcastOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{}

HeadlessBroadcast::~HeadlessBroadcast() = default;

void HeadlessBroadcast::emitLine(const QString &event, QJsonObject fields)
{
    fields.insert(QStringLiteral("event"), event);
    fields.insert(QStringLiteral("time"), toRfc3339(QDateTime::currentDateTimeUtc()));
    const QByteArray line = QJsonDocument(fields).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

void HeadlessBroadcast::start()
{
    if (!m_options.createsStream()) {
        goLive();
        return;
    }
    m_api = std::make_unique<ApiClient>(m_options.apiUrl, m_options.token);
    m_api->createStream(m_options.title).then(this, [this](QFuture<CreatedStream> reply) {
        try {
            const CreatedStream created = reply.result();
            m_options.settings.ingestUrl = created.rtmpUrl.toString();
            m_options.settings.fallbackIngestUrls.clear();
            for (const QUrl &url : created.rtmpUrls) {
                if (url != created.rtmpUrl)
                    m_options.settings.fallbackIngestUrls.append(url.toString());
            }
            m_options.settings.streamKey = created.streamKey;
            m_createdStream = created.stream.id;
            emitLine(QStringLiteral("stream_created"),
                     {{QStringLiteral("id"), created.stream.id.toString(QUuid::WithoutBraces)},
                      {QStringLiteral("title"), created.stream.title},
                      {QStringLiteral("rtmp_url"), created.rtmpUrl.toString()},
                      {QStringLiteral("hls_url"), created.stream.hlsUrl.toString()}});
            if (m_stopping) {
                finish(kExitClean);
                return;
            }
            goLive();
        } catch (const ApiError &error) {
            qCCritical(lcBroadcast).noquote() << "cannot create the stream:" << error.message();
            emitLine(QStringLiteral("stopped"),
                     {{QStringLiteral("reason"), QStringLiteral("error")},
                      {QStringLiteral("message"), error.message()}});
            emit done(kExitApi);
        }
    });
}

void HeadlessBroadcast::goLive()
{
    BroadcastSettings &settings = m_options.settings;
    try {
        auto scene =
            buildScene(m_options.scene, settings.video.format, settings.audio, m_options.display);
        settings.mixer = scene->mixer();
        settings.source = std::move(scene);
    } catch (const SceneError &error) {
        const QString message = QString::fromUtf8(error.what());
        qCCritical(lcBroadcast).noquote() << message;
        emitLine(QStringLiteral("stopped"), {{QStringLiteral("reason"), QStringLiteral("error")},
                                             {QStringLiteral("message"), message}});
        finish(kExitUsage);
        return;
    }
    qCInfo(lcBroadcast).noquote() << "connecting to" << settings.ingestUrl << "with"
                                  << settings.video.format.sizeText() << "@"
                                  << settings.video.format.fps << "fps,"
                                  << settings.video.bitrateKbps << "kb/s from the"
                                  << m_options.scene.video.describe();
    m_pipeline = std::make_unique<BroadcastPipeline>(settings);
    connect(m_pipeline.get(), &BroadcastPipeline::live, this, [this] {
        qCInfo(lcBroadcast) << "live";
        emitLine(QStringLiteral("live"), {{QStringLiteral("rtmp_url"), m_pipeline->ingestUrl()}});
    });
    connect(m_pipeline.get(), &BroadcastPipeline::reconnecting, this,
            [this](int attempt, qint64 delayMs, const QString &reason) {
                qCWarning(lcBroadcast).noquote()
                    << reason << "- reconnecting in" << delayMs / 1000.0 << "s";
                emitLine(QStringLiteral("reconnecting"), {{QStringLiteral("attempt"), attempt},
                                                          {QStringLiteral("in_ms"), delayMs},
                                                          {QStringLiteral("message"), reason}});
            });
    connect(m_pipeline.get(), &BroadcastPipeline::statsUpdated, this, &HeadlessBroadcast::onStats);
    connect(m_pipeline.get(), &BroadcastPipeline::recordingFinished, this,
            [this](const QString &path, qint64 framesSent) {
                emitLine(QStringLiteral("recorded"),
                         {{QStringLiteral("path"), path}, {QStringLiteral("frames"), framesSent}});
            });
    connect(m_pipeline.get(), &BroadcastPipeline::finished, this, &HeadlessBroadcast::onFinished);
    m_pipeline->start();
}

void HeadlessBroadcast::onStats(const BroadcastStats &stats)
{
    emitLine(QStringLiteral("stats"), stats.toJson());
}

void HeadlessBroadcast::onFinished(bool clean, const QString &error, MediaError::Kind kind)
{
    if (clean) {
        const bool byRequest = m_stopping;
        qCInfo(lcBroadcast) << (byRequest ? "stopped on request" : "duration reached, stopped");
        emitLine(QStringLiteral("stopped"),
                 {{QStringLiteral("reason"),
                   byRequest ? QStringLiteral("signal") : QStringLiteral("duration")}});
        finish(kExitClean);
        return;
    }
    qCCritical(lcBroadcast).noquote() << error;
    emitLine(QStringLiteral("stopped"), {{QStringLiteral("reason"), QStringLiteral("error")},
                                         {QStringLiteral("message"), error}});
    finish(exitStatusFor(kind));
}

void HeadlessBroadcast::finish(int exitStatus)
{
    if (!m_api || m_createdStream.isNull()) {
        // Queued: a failure found in start() comes before the event loop runs to hear of it.
        QMetaObject::invokeMethod(
            this, [this, exitStatus] { emit done(exitStatus); }, Qt::QueuedConnection);
        return;
    }
    m_api->endStream(m_createdStream).then(this, [this, exitStatus](QFuture<Stream> ended) {
        try {
            ended.waitForFinished();
            emitLine(QStringLiteral("stream_ended"),
                     {{QStringLiteral("id"), m_createdStream.toString(QUuid::WithoutBraces)}});
        } catch (const ApiError &error) {
            // Not fatal: the server completes the stream when its reconnect grace runs out.
            qCWarning(lcBroadcast).noquote()
                << "could not end the stream, the server will after its reconnect grace:"
                << error.message();
        } catch (const std::exception &error) {
            qCWarning(lcBroadcast).noquote()
                << "could not end the stream, the server will after its reconnect grace:"
                << error.what();
        }
        emit done(exitStatus);
    });
}

void HeadlessBroadcast::stop()
{
    m_stopping = true;
    if (m_pipeline)
        m_pipeline->stop();
}

} // namespace nova
