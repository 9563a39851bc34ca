#include "broadcaster/ui/main_window.h"

#include "broadcaster/scene/composed_source.h"
#include "broadcaster/scene/scene_builder.h"
#include "broadcaster/ui/known_streams.h"
#include "broadcaster/ui/mixer_panel.h"
#include "broadcaster/ui/preview_view.h"
#include "broadcaster/ui/secret_store.h"
#include "broadcaster/ui/source_picker.h"
#include "broadcaster/ui/stats_panel.h"
#include "broadcaster/ui/streamer_message.h"
#include "broadcaster/ui/video_settings_form.h"
#include "shared/api_client.h"
#include "shared/api_error.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QVBoxLayout>

namespace nova {

namespace {
// An operator's or a streamer's token; the name it had when only operators signed in.
const QString kTokenSecret = QStringLiteral("operator-token");
const QString kNewStream; // the stream choice that creates one
} // namespace

MainWindow::MainWindow(const WindowOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_secrets(new SecretStore(this))
    , m_known(std::make_unique<KnownStreams>(*m_secrets))
{
    setWindowTitle(tr("Nova Broadcaster"));

    auto *settingsColumn = new QVBoxLayout;
    settingsColumn->addWidget(buildDestination());
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
    if (options.apiUrl.isValid() && !options.apiUrl.isEmpty())
        m_serverUrl->setText(options.apiUrl.toString());
    if (!options.token.isEmpty())
        m_token->setText(options.token);
    if (!options.rtmpUrl.isEmpty()) {
        m_rtmpUrl->setText(options.rtmpUrl);
        m_streamKey->setText(options.streamKey);
        m_destination->setCurrentIndex(1);
    }
    setLocked(false);
    if (options.goLive)
        QTimer::singleShot(0, this, &MainWindow::goLive);
    resize(1180, 760);
}

MainWindow::~MainWindow()
{
    saveSettings();
}

QWidget *MainWindow::buildDestination()
{
    m_destination = new QTabWidget(this);
    m_destination->setObjectName(QStringLiteral("destination"));

    auto *server = new QWidget(m_destination);
    auto *form = new QFormLayout(server);
    m_serverUrl = new QLineEdit(server);
    m_serverUrl->setObjectName(QStringLiteral("serverUrl"));
    m_serverUrl->setPlaceholderText(QStringLiteral("http://127.0.0.1:8081"));
    m_token = new QLineEdit(server);
    m_token->setObjectName(QStringLiteral("token"));
    m_token->setEchoMode(QLineEdit::Password);
    m_connect = new QPushButton(tr("Connect"), server);
    m_connect->setObjectName(QStringLiteral("connect"));
    connect(m_connect, &QPushButton::clicked, this, &MainWindow::connectToServer);
    m_serverState = new QLabel(tr("Not connected"), server);
    m_serverState->setObjectName(QStringLiteral("serverState"));
    m_serverState->setWordWrap(true);
    m_streamChoice = new QComboBox(server);
    m_streamChoice->setObjectName(QStringLiteral("streamChoice"));
    m_streamTitle = new QLineEdit(server);
    m_streamTitle->setObjectName(QStringLiteral("streamTitle"));
    m_streamTitle->setPlaceholderText(tr("Title of the new stream"));
    m_rotateKey = new QPushButton(tr("New key"), server);
    m_rotateKey->setObjectName(QStringLiteral("rotateKey"));
    m_rotateKey->setToolTip(tr("Replace this stream's key: the old one stops working at once"));
    connect(m_rotateKey, &QPushButton::clicked, this, &MainWindow::rotateKey);
    connect(m_streamChoice, &QComboBox::currentIndexChanged, this, [this] {
        const bool creating = m_streamChoice->currentData().toString() == kNewStream;
        m_streamTitle->setEnabled(creating && !isBroadcasting());
        m_rotateKey->setEnabled(!creating && m_api && !isBroadcasting());
    });
    form->addRow(tr("Server"), m_serverUrl);
    form->addRow(tr("Token"), m_token);
    form->addRow(QString(), m_connect);
    form->addRow(QString(), m_serverState);
    auto *choice = new QHBoxLayout;
    choice->addWidget(m_streamChoice, 1);
    choice->addWidget(m_rotateKey);
    form->addRow(tr("Stream"), choice);
    form->addRow(tr("Title"), m_streamTitle);
    m_destination->addTab(server, tr("Nova server"));

    auto *rtmp = new QWidget(m_destination);
    auto *rtmpForm = new QFormLayout(rtmp);
    m_rtmpUrl = new QLineEdit(rtmp);
    m_rtmpUrl->setObjectName(QStringLiteral("rtmpUrl"));
    m_rtmpUrl->setPlaceholderText(QStringLiteral("rtmp://host:1935/live"));
    m_streamKey = new QLineEdit(rtmp);
    m_streamKey->setObjectName(QStringLiteral("streamKey"));
    m_streamKey->setEchoMode(QLineEdit::Password); // hidden unless asked, as on a shared screen
    QAction *reveal = m_streamKey->addAction(style()->standardIcon(QStyle::SP_DialogYesButton),
                                             QLineEdit::TrailingPosition);
    reveal->setCheckable(true);
    reveal->setToolTip(tr("Show the key"));
    connect(reveal, &QAction::toggled, this, [this](bool shown) {
        m_streamKey->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });
    rtmpForm->addRow(tr("RTMP URL"), m_rtmpUrl);
    rtmpForm->addRow(tr("Stream key"), m_streamKey);
    m_destination->addTab(rtmp, tr("RTMP URL and key"));
    return m_destination;
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    m_serverUrl->setText(settings.value(QStringLiteral("server/url")).toString());
    m_rtmpUrl->setText(settings.value(QStringLiteral("rtmp/url")).toString());
    m_destination->setCurrentIndex(settings.value(QStringLiteral("destination"), 0).toInt());
    m_video->restoreSettings();
    m_sourcePicker->restoreSettings();
    m_secrets->read(kTokenSecret, [this](const QString &token) {
        if (m_token->text().isEmpty())
            m_token->setText(token);
    });
    refreshStreamChoice();
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("server/url"), m_serverUrl->text());
    settings.setValue(QStringLiteral("rtmp/url"), m_rtmpUrl->text());
    settings.setValue(QStringLiteral("destination"), m_destination->currentIndex());
    m_video->saveSettings();
    m_sourcePicker->saveSettings();
}

void MainWindow::connectToServer()
{
    const QUrl url(m_serverUrl->text().trimmed(), QUrl::StrictMode);
    if (!url.isValid() || !url.scheme().startsWith(u"http") || url.host().isEmpty()) {
        m_serverState->setText(tr("The server address must look like http://host:port"));
        return;
    }
    m_api = std::make_unique<ApiClient>(url, m_token->text().trimmed());
    m_secrets->write(kTokenSecret, m_token->text().trimmed());
    saveSettings();
    m_serverState->setText(tr("Connecting…"));
    m_api->me().then(this, [this, url](QFuture<Identity> reply) {
        try {
            const Identity identity = reply.result();
            m_serverState->setText(
                tr("Signed in as %1 (%2)")
                    .arg(identity.account.name, toString(identity.account.role)));
            refreshStreamChoice();
        } catch (const ApiError &error) {
            m_serverState->setText(
                error.status() == 0
                    ? tr("Cannot reach the server at %1. Check the address.").arg(url.toString())
                    : refusalMessage(error, tr("sign in")));
        }
    });
    refreshStreamChoice();
}

void MainWindow::refreshStreamChoice()
{
    m_streamChoice->clear();
    m_streamChoice->addItem(tr("New stream"), kNewStream);
    if (!m_api) {
        // Offline: the streams whose keys are kept here.
        for (const QString &id : m_known->ids())
            m_streamChoice->addItem(m_known->title(id), id);
        return;
    }
    // Signed in: the account's own streams that can still go live, whichever app made them.
    m_api->streams(QStringLiteral("all"), 100, true)
        .then(this, [this](QFuture<QList<Stream>> reply) {
            try {
                showServerStreams(reply.result());
            } catch (const ApiError &) {
                // Not signed in (yet): only "New stream", which says why if it is refused.
            }
        });
}

void MainWindow::showServerStreams(const QList<Stream> &streams)
{
    const QString chosen = m_streamChoice->currentData().toString();
    for (const Stream &stream : streams) {
        const QString id = stream.id.toString(QUuid::WithoutBraces);
        if (isTerminal(stream.status)) {
            m_known->forget(id); // the key of an ended stream opens nothing
            continue;
        }
        const QString label = m_known->holdsKey(id)
                                  ? stream.title
                                  : tr("%1 (no key here: press New key)").arg(stream.title);
        if (m_streamChoice->findData(id) < 0)
            m_streamChoice->addItem(label, id);
    }
    if (const int index = m_streamChoice->findData(chosen); index >= 0)
        m_streamChoice->setCurrentIndex(index);
}

void MainWindow::rememberStream(const CreatedStream &created)
{
    const QString id = created.stream.id.toString(QUuid::WithoutBraces);
    m_known->remember(created.stream.id, created.stream.title, created.rtmpUrl.toString(),
                      created.streamKey);
    if (m_streamChoice->findData(id) < 0)
        m_streamChoice->addItem(created.stream.title, id);
    m_streamChoice->setCurrentIndex(m_streamChoice->findData(id));
}

void MainWindow::rotateKey()
{
    const QString id = m_streamChoice->currentData().toString();
    if (!m_api || id == kNewStream)
        return;
    m_rotateKey->setEnabled(false);
    m_api->rotateStreamKey(QUuid(id)).then(this, [this,
                                                  id](QFuture<std::pair<QString, QUrl>> reply) {
        m_rotateKey->setEnabled(!isBroadcasting());
        try {
            const auto [key, ingest] = reply.result();
            const int index = m_streamChoice->findData(id);
            QString title = m_known->title(id);
            if (title.isEmpty() && index >= 0)
                title = m_streamChoice->itemText(index).section(QStringLiteral(" ("), 0, 0);
            m_known->remember(QUuid(id), title, ingest.toString(), key);
            if (index >= 0)
                m_streamChoice->setItemText(index, title);
            showNotice(tr("This stream has a new key, kept here; the old one no longer works."));
        } catch (const ApiError &error) {
            showProblem(refusalMessage(error, tr("make a new key")));
        }
    });
}

void MainWindow::goLive()
{
    if (m_session)
        return;
    m_message->clear();
    setLocked(true);
    m_stats->setStatus(tr("Connecting…"));
    // What to send is checked before anything is asked of the server.
    QString problem;
    const std::optional<SceneSpec> scene = m_sourcePicker->scene(&problem);
    if (!scene)
        return showProblem(problem);

    if (m_destination->currentIndex() == 1) {
        const QUrl url(m_rtmpUrl->text().trimmed(), QUrl::StrictMode);
        if (!url.isValid() || !url.scheme().startsWith(u"rtmp") || url.host().isEmpty())
            return showProblem(tr("The RTMP URL must look like rtmp://host:1935/app"));
        if (m_streamKey->text().trimmed().isEmpty())
            return showProblem(tr("Paste the stream key first"));
        saveSettings();
        startBroadcast(*scene, url.toString(), m_streamKey->text().trimmed(), QUuid());
        return;
    }

    if (!m_api)
        connectToServer();
    if (!m_api)
        return showProblem(tr("Enter the server address and connect first"));
    const QString choice = m_streamChoice->currentData().toString();
    if (choice == kNewStream) {
        QString title = m_streamTitle->text().trimmed();
        if (title.isEmpty())
            title = tr("Live from Nova Broadcaster");
        m_api->createStream(title).then(this, [this, scene](QFuture<CreatedStream> reply) {
            try {
                const CreatedStream created = reply.result();
                rememberStream(created);
                QStringList fallbacks;
                for (const QUrl &url : created.rtmpUrls) {
                    if (url != created.rtmpUrl)
                        fallbacks.append(url.toString());
                }
                startBroadcast(*scene, created.rtmpUrl.toString(), created.streamKey,
                               created.stream.id, fallbacks);
            } catch (const ApiError &error) {
                showProblem(refusalMessage(error, tr("create the stream")));
            }
        });
        return;
    }
    const QUuid id(choice);
    const QString ingestUrl = m_known->ingestUrl(choice);
    m_known->readKey(id, [this, scene, id, ingestUrl](const QString &key) {
        if (key.isEmpty() || ingestUrl.isEmpty())
            return showProblem(tr("The key of this stream is not kept here. Press New key to "
                                  "get one (the old key stops working), or create a new stream."));
        startBroadcast(*scene, ingestUrl, key, id);
    });
}

void MainWindow::startBroadcast(const SceneSpec &spec, const QString &ingestUrl,
                                const QString &streamKey, const QUuid &stream,
                                const QStringList &fallbacks)
{
    BroadcastSettings settings;
    settings.ingestUrl = ingestUrl;
    settings.fallbackIngestUrls = fallbacks;
    settings.streamKey = streamKey;
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

    if (m_api && !stream.isNull()) {
        session->followServerStream(m_api->baseUrl(), m_token->text().trimmed(), stream);
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
    if (ending == BroadcastSession::Ending::ByStreamer && m_api && !serverStream.isNull()) {
        m_api->endStream(serverStream).then(this, [this](QFuture<Stream> ended) {
            try {
                ended.waitForFinished();
            } catch (const std::exception &) {
                showNotice(tr("The server will end the stream once its reconnect time is up."));
            }
        });
    }
    if (ending == BroadcastSession::Ending::ByOperator) {
        showProblem(streamerMessage(MediaError::Kind::Ended));
        refreshStreamChoice();
    } else if (!clean) {
        showProblem(streamerMessage(kind));
    }
    emit broadcastFinished();
}

void MainWindow::setLocked(bool live)
{
    // While live only the bitrate can change (x264 takes a new one between pictures).
    m_destination->setEnabled(!live);
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
    const bool creating = m_streamChoice->currentData().toString() == kNewStream;
    m_streamTitle->setEnabled(creating && !live);
    m_rotateKey->setEnabled(!creating && m_api && !live);
}

void MainWindow::showProblem(const QString &text)
{
    m_message->setStyleSheet(
        QStringLiteral("color: %1").arg(severityColour(Severity::Error).name()));
    m_message->setText(text);
    if (!m_session) {
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
