#include "broadcaster/ui/main_window.h"

#include "broadcaster/scene/composed_source.h"
#include "broadcaster/scene/scene_builder.h"
#include "broadcaster/ui/destination_form.h"
#include "broadcaster/ui/mixer_panel.h"
#include "broadcaster/ui/preview_view.h"
#include "broadcaster/ui/secret_store.h"
#include "broadcaster/ui/source_picker.h"
#include "broadcaster/ui/stats_panel.h"
#include "broadcaster/ui/streamer_message.h"
#include "broadcaster/ui/video_settings_form.h"

#include <QDateTime>
#include <QDir>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <utility>

namespace nova {

MainWindow::MainWindow(const WindowOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_secrets(new SecretStore(this))
{
    setWindowTitle(tr("Nova Broadcaster"));

    m_destination = new DestinationForm(*m_secrets, this);
    connect(m_destination, &DestinationForm::ready, this, &MainWindow::startBroadcast);
    connect(m_destination, &DestinationForm::refused, this, &MainWindow::showProblem);
    connect(m_destination, &DestinationForm::notice, this, &MainWindow::showNotice);
    auto *settingsColumn = new QVBoxLayout;
    settingsColumn->addWidget(m_destination);
    m_sourcePicker = new SourcePicker(this);
    settingsColumn->addWidget(m_sourcePicker);
    m_video = new VideoSettingsForm(this);
    connect(m_video, &VideoSettingsForm::bitrateChanged, this, [this](int kbps) {
        if (m_session)
            m_session->setVideoBitrate(kbps);
    });
    settingsColumn->addWidget(m_video);
    settingsColumn->addStretch();

    m_preview = new PreviewView(this);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_stats = new StatsPanel(this);
    m_stats->setObjectName(QStringLiteral("stats"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_goLive = new QPushButton(tr("Go Live"), this);
    m_goLive->setObjectName(QStringLiteral("goLive"));
    m_goLive->setDefault(true);
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("stop"));
    m_cancelReconnect = new QPushButton(tr("Cancel reconnecting"), this);
    m_cancelReconnect->setObjectName(QStringLiteral("cancelReconnect"));
    m_cancelReconnect->hide();
    connect(m_goLive, &QPushButton::clicked, this, &MainWindow::goLive);
    connect(m_stop, &QPushButton::clicked, this, &MainWindow::stopBroadcast);
    connect(m_cancelReconnect, &QPushButton::clicked, this, &MainWindow::stopBroadcast);
    m_record = new QPushButton(tr("Record"), this);
    m_record->setObjectName(QStringLiteral("record"));
    m_record->setCheckable(true);
    m_record->setToolTip(tr("Also keep what is sent in a file in your Videos folder"));
    connect(m_record, &QPushButton::toggled, this, &MainWindow::setRecording);
    m_useTestPattern = new QPushButton(tr("Send the test pattern instead"), this);
    m_useTestPattern->setObjectName(QStringLiteral("useTestPattern"));
    m_useTestPattern->hide();
    connect(m_useTestPattern, &QPushButton::clicked, this, &MainWindow::useTestPattern);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_goLive);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_record);
    buttons->addWidget(m_cancelReconnect);
    buttons->addStretch();

    auto *messageRow = new QHBoxLayout;
    messageRow->addWidget(m_message, 1);
    messageRow->addWidget(m_useTestPattern);

    m_mixer = new MixerPanel(this);
    m_mixer->setObjectName(QStringLiteral("mixer"));

    auto *liveColumn = new QVBoxLayout;
    liveColumn->addWidget(m_preview, 1);
    liveColumn->addLayout(buttons);
    liveColumn->addLayout(messageRow);
    liveColumn->addWidget(m_mixer);
    auto *statsBox = new QGroupBox(tr("Stats"), this);
    auto *statsLayout = new QVBoxLayout(statsBox);
    statsLayout->addWidget(m_stats);
    liveColumn->addWidget(statsBox);

    auto *central = new QWidget(this);
    auto *columns = new QHBoxLayout(central);
    auto *settingsWidget = new QWidget(central);
    settingsWidget->setLayout(settingsColumn);
    settingsWidget->setFixedWidth(380);
    columns->addWidget(settingsWidget);
    columns->addLayout(liveColumn, 1);
    setCentralWidget(central);

    restoreSettings();
    m_destination->useServer(options.apiUrl, options.token);
    m_destination->useRtmp(options.rtmpUrl, options.streamKey);
    setLocked(false);
    if (options.goLive)
        QTimer::singleShot(0, this, &MainWindow::goLive);
    resize(1180, 760);
}

MainWindow::~MainWindow()
{
    saveSettings();
}

void MainWindow::restoreSettings()
{
    m_destination->restoreSettings();
    m_video->restoreSettings();
    m_sourcePicker->restoreSettings();
}

void MainWindow::saveSettings() const
{
    m_destination->saveSettings();
    m_video->saveSettings();
    m_sourcePicker->saveSettings();
}

void MainWindow::connectToServer()
{
    m_destination->connectToServer();
}

void MainWindow::goLive()
{
    if (m_session || m_goingLiveWith)
        return;
    m_message->clear();
    setLocked(true);
    m_stats->setStatus(tr("Connecting…"));
    // What to send is checked before anything is asked of the server.
    QString problem;
    m_goingLiveWith = m_sourcePicker->scene(&problem);
    if (!m_goingLiveWith)
        return showProblem(problem);
    saveSettings();
    m_destination->prepare(); // ready() starts the broadcast, refused() says why not
}

void MainWindow::startBroadcast(const Destination &destination)
{
    if (m_session || !m_goingLiveWith)
        return;
    const SceneSpec spec = *std::exchange(m_goingLiveWith, std::nullopt);
    BroadcastSettings settings;
    settings.ingestUrl = destination.ingestUrl;
    settings.fallbackIngestUrls = destination.fallbackIngestUrls;
    settings.streamKey = destination.streamKey;
    settings.video = m_video->settings();
    settings.reconnect = true;
    settings.preview = true;
    std::shared_ptr<ComposedSource> scene;
    try {
        scene = buildScene(spec, settings.video.format, settings.audio,
                           qEnvironmentVariable("DISPLAY"));
    } catch (const SceneError &error) {
        return showProblem(tr("Cannot send this source: %1").arg(QString::fromUtf8(error.what())));
    }

    m_session = std::make_unique<BroadcastSession>(std::move(settings), std::move(scene));
    BroadcastSession *session = m_session.get();
    connect(session, &BroadcastSession::live, this, [this] {
        m_cancelReconnect->hide();
        if (m_sourceProblem.isEmpty())
            m_message->clear();
        m_stats->setStatus(tr("Live"));
        m_record->setEnabled(true);
    });
    connect(session, &BroadcastSession::reconnecting, this,
            [this](int attempt, MediaError::Kind kind) {
                m_cancelReconnect->show();
                showNotice(streamerMessage(kind) + u' ' +
                           tr("Reconnecting by itself (attempt %1).").arg(attempt));
            });
    connect(session, &BroadcastSession::reconnectCountdown, this, [this](qint64 seconds) {
        m_stats->setStatus(seconds > 0 ? tr("Reconnecting in %1 s").arg(seconds)
                                       : tr("Reconnecting…"),
                           Severity::Warning);
    });
    connect(session, &BroadcastSession::statsUpdated, this, &MainWindow::onStats);
    connect(session, &BroadcastSession::previewFrame, m_preview, &PreviewView::showPicture);
    connect(session, &BroadcastSession::viewerCountChanged, m_stats, &StatsPanel::setViewers);
    connect(session, &BroadcastSession::recordingStarted, this, [this](const QString &path) {
        showNotice(tr("Recording to %1").arg(QDir::toNativeSeparators(path)));
    });
    connect(session, &BroadcastSession::recordingFailed, this,
            [this](const QString &path, const QString &why) {
                const QSignalBlocker quiet(m_record);
                m_record->setChecked(false);
                showProblem(tr("Cannot record to %1: %2").arg(QDir::toNativeSeparators(path), why));
            });
    connect(
        session, &BroadcastSession::recordingFinished, this,
        [this](const QString &path, qint64 frames) {
            const QSignalBlocker quiet(m_record);
            m_record->setChecked(false);
            showNotice(
                tr("Recorded %1 pictures to %2").arg(frames).arg(QDir::toNativeSeparators(path)));
        });
    connect(session, &BroadcastSession::finished, this, &MainWindow::onFinished);

    if (destination.isServerStream()) {
        session->followServerStream(destination.server, destination.token,
                                    destination.serverStream);
        m_stats->setViewers(0);
    }
    m_mixer->attach(session->mixer());
    session->start();
}

void MainWindow::stopBroadcast()
{
    if (!m_session)
        return;
    m_stats->setStatus(tr("Stopping…"));
    m_session->stop();
}

void MainWindow::setRecording(bool on)
{
    if (!m_session)
        return;
    if (!on)
        return m_session->stopRecording(); // recordingFinished() unchecks and tells where
    // The Videos folder unless the settings name another.
    const QString folder =
        QSettings()
            .value(QStringLiteral("recording/folder"),
                   QStandardPaths::writableLocation(QStandardPaths::MoviesLocation))
            .toString();
    if (folder.isEmpty() || !QDir().mkpath(folder)) {
        const QSignalBlocker quiet(m_record);
        m_record->setChecked(false);
        return showProblem(tr("There is no folder for videos to record into"));
    }
    // A file per recording, named after when it started, as a streamer looks for it.
    const QString name =
        QStringLiteral("Nova %1.mkv")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH-mm-ss")));
    m_session->startRecording(QDir(folder).filePath(name));
}

void MainWindow::useTestPattern()
{
    if (!m_session)
        return;
    m_session->sendTestPattern();
    m_useTestPattern->hide();
}

void MainWindow::onStats(const BroadcastStats &stats)
{
    m_stats->showStats(stats);
    if (m_session && !m_session->isReconnecting() && stats.state == BroadcastState::Live)
        m_stats->setStatus(tr("Live"));
    // The source's trouble (a screen gone, a camera unplugged, a file that cannot be played),
    // once when it starts, with the test pattern offered instead; the broadcast goes on.
    if (stats.sourceProblem != m_sourceProblem) {
        if (!stats.sourceProblem.isEmpty())
            showNotice(stats.sourceProblem);
        else if (m_message->text() == m_sourceProblem)
            m_message->clear();
        m_sourceProblem = stats.sourceProblem;
        m_useTestPattern->setVisible(!m_sourceProblem.isEmpty() &&
                                     m_sourcePicker->picture() !=
                                         SourcePicker::Picture::TestPattern);
    }
}

void MainWindow::onFinished(BroadcastSession::Ending ending, bool clean, MediaError::Kind kind)
{
    // The pipeline's threads have ended; the session goes once its signal has returned.
    const QUuid serverStream = m_session->serverStream();
    m_session.release()->deleteLater();
    m_mixer->detach();
    m_sourceProblem.clear();
    m_useTestPattern->hide();
    m_cancelReconnect->hide();
    setLocked(false);
    m_stats->setStatus(tr("Stopped"));
    // Over RTMP a stop looks like a dropped network; the streamer meant it: the stream ends now.
    if (ending == BroadcastSession::Ending::ByStreamer && !serverStream.isNull())
        m_destination->endServerStream(serverStream);
    if (ending == BroadcastSession::Ending::ByOperator) {
        showProblem(streamerMessage(MediaError::Kind::Ended));
        m_destination->listStreams();
    } else if (!clean) {
        showProblem(streamerMessage(kind));
    }
    emit broadcastFinished();
}

void MainWindow::setLocked(bool live)
{
    // While live only the bitrate can change (x264 takes a new one between pictures).
    m_destination->setLive(live);
    m_sourcePicker->setEnabled(!live);
    m_video->setLive(live);
    m_goLive->setEnabled(!live);
    m_stop->setEnabled(live);
    // Record opens once the server has taken the stream (live()), and stays through reconnects.
    if (!live) {
        const QSignalBlocker quiet(m_record);
        m_record->setChecked(false);
    }
    m_record->setEnabled(false);
}

void MainWindow::showProblem(const QString &text)
{
    m_message->setStyleSheet(
        QStringLiteral("color: %1").arg(severityColour(Severity::Error).name()));
    m_message->setText(text);
    if (!m_session) {
        m_goingLiveWith.reset(); // a Go Live that did not get through
        setLocked(false);
        m_stats->setStatus(tr("Stopped"));
    }
}

void MainWindow::showNotice(const QString &text)
{
    m_message->setStyleSheet(
        QStringLiteral("color: %1").arg(severityColour(Severity::Warning).name()));
    m_message->setText(text);
}

} // namespace nova
