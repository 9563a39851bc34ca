#include "broadcaster/session/broadcast_session.h"

#include "broadcaster/pipeline/broadcast_pipeline.h"
#include "broadcaster/scene/composed_source.h"
#include "broadcaster/session/stream_event_feed.h"
#include "broadcaster/source/synthetic_source.h"

namespace nova {

BroadcastSession::BroadcastSession(BroadcastSettings settings,
                                   std::shared_ptr<ComposedSource> scene, QObject *parent)
    : QObject(parent)
    , m_scene(std::move(scene))
    , m_format(settings.video.format)
    , m_audio(settings.audio)
{
    settings.source = m_scene;
    if (m_scene)
        settings.mixer = m_scene->mixer();
    m_pipeline = std::make_unique<BroadcastPipeline>(std::move(settings));
    connect(m_pipeline.get(), &BroadcastPipeline::live, this, [this] {
        m_reconnecting = false;
        m_countdown.stop();
        emit live();
    });
    connect(m_pipeline.get(), &BroadcastPipeline::reconnecting, this,
            [this](int attempt, qint64 delayMs, const QString &, MediaError::Kind kind) {
                m_reconnecting = true;
                m_reconnectAt.setRemainingTime(delayMs);
                emit reconnecting(attempt, kind);
                tick();
                m_countdown.start();
            });
    connect(m_pipeline.get(), &BroadcastPipeline::statsUpdated, this,
            &BroadcastSession::statsUpdated);
    connect(m_pipeline.get(), &BroadcastPipeline::previewFrame, this,
            &BroadcastSession::previewFrame);
    connect(m_pipeline.get(), &BroadcastPipeline::recordingStarted, this,
            &BroadcastSession::recordingStarted);
    connect(m_pipeline.get(), &BroadcastPipeline::recordingFailed, this,
            &BroadcastSession::recordingFailed);
    connect(m_pipeline.get(), &BroadcastPipeline::recordingFinished, this,
            &BroadcastSession::recordingFinished);
    connect(
        m_pipeline.get(), &BroadcastPipeline::finished, this,
        [this](bool clean, const QString &, MediaError::Kind kind) { onFinished(clean, kind); });
    m_countdown.setInterval(200);
    connect(&m_countdown, &QTimer::timeout, this, &BroadcastSession::tick);
}

BroadcastSession::~BroadcastSession() = default;

void BroadcastSession::followServerStream(const QUrl &apiUrl, const QString &token,
                                          const QUuid &stream)
{
    m_serverStream = stream;
    delete m_events;
    m_events = new StreamEventFeed(apiUrl, token, stream, this);
    connect(m_events, &StreamEventFeed::viewerCountChanged, this,
            &BroadcastSession::viewerCountChanged);
    connect(m_events, &StreamEventFeed::streamEnded, this, [this] {
        m_endedByOperator = true;
        m_pipeline->stop();
    });
}

void BroadcastSession::start()
{
    m_pipeline->start();
}

void BroadcastSession::stop()
{
    m_countdown.stop();
    m_stopRequested = true;
    m_pipeline->stop(); // finished() follows, from the pipeline's thread
}

void BroadcastSession::setVideoBitrate(int kbps)
{
    m_pipeline->setVideoBitrate(kbps);
}

void BroadcastSession::startRecording(const QString &path)
{
    m_pipeline->startRecording(path);
}

void BroadcastSession::stopRecording()
{
    m_pipeline->stopRecording();
}

void BroadcastSession::sendTestPattern()
{
    if (m_scene)
        m_scene->replacePicture(std::make_shared<SyntheticSource>(m_format, m_audio));
}

const std::shared_ptr<AudioMixer> &BroadcastSession::mixer() const
{
    static const std::shared_ptr<AudioMixer> none;
    return m_scene ? m_scene->mixer() : none;
}

void BroadcastSession::tick()
{
    emit reconnectCountdown((m_reconnectAt.remainingTime() + 999) / 1000);
}

void BroadcastSession::onFinished(bool clean, MediaError::Kind kind)
{
    m_countdown.stop();
    m_reconnecting = false;
    delete m_events; // no more viewers or ends to hear of
    m_events = nullptr;
    const Ending ending = m_endedByOperator || kind == MediaError::Kind::Ended ? Ending::ByOperator
                          : m_stopRequested                                    ? Ending::ByStreamer
                                                                               : Ending::ByItself;
    emit finished(ending, clean, kind);
}

} // namespace nova
