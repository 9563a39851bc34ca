#include "broadcaster/ui/main_window.h"

#include "broadcaster/pipeline/broadcast_pipeline.h"
#include "broadcaster/source/camera_source.h"
#include "broadcaster/source/media_file_source.h"
#include "broadcaster/ui/known_streams.h"
#include "broadcaster/ui/preview_view.h"
#include "broadcaster/ui/secret_store.h"
#include "broadcaster/ui/stats_panel.h"
#include "broadcaster/ui/stream_event_feed.h"
#include "broadcaster/ui/streamer_message.h"
#include "shared/api_client.h"
#include "shared/api_error.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMediaDevices>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace nova {

namespace {
// An operator's or a streamer's token; the name it had when only operators signed in.
const QString kTokenSecret = QStringLiteral("operator-token");
const QString kNewStream; // the stream choice that creates one

enum SourceKind
{
    kSynthetic,
    kMediaFile,
    kCamera
};

const QStringList kSizes = {QStringLiteral("1920x1080"), QStringLiteral("1280x720"),
                            QStringLiteral("854x480"), QStringLiteral("640x360")};
const QStringList kRates = {QStringLiteral("24"), QStringLiteral("25"), QStringLiteral("30"),
                            QStringLiteral("50"), QStringLiteral("60")};
const QStringList kPresets = {QStringLiteral("ultrafast"), QStringLiteral("superfast"),
                              QStringLiteral("veryfast"),  QStringLiteral("faster"),
                              QStringLiteral("fast"),      QStringLiteral("medium")};

QComboBox *comboOf(const QStringList &items, const QString &name, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(name);
    combo->addItems(items);
    return combo;
}
} // namespace

MainWindow::MainWindow(const WindowOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_secrets(new SecretStore(this))
    , m_known(std::make_unique<KnownStreams>(*m_secrets))
{
    setWindowTitle(tr("Nova Broadcaster"));

    auto *settingsColumn = new QVBoxLayout;
    settingsColumn->addWidget(buildDestination());
    settingsColumn->addWidget(buildSource());
    settingsColumn->addWidget(buildVideo());
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

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_goLive);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_cancelReconnect);
    buttons->addStretch();

    auto *liveColumn = new QVBoxLayout;
    liveColumn->addWidget(m_preview, 1);
    liveColumn->addLayout(buttons);
    liveColumn->addWidget(m_message);
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

    m_countdown.setInterval(200);
    connect(&m_countdown, &QTimer::timeout, this, &MainWindow::updateCountdown);

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

QWidget *MainWindow::buildSource()
{
    m_sourceBox = new QGroupBox(tr("Source"), this);
    auto *form = new QFormLayout(m_sourceBox);
    m_source = new QComboBox(m_sourceBox);
    m_source->setObjectName(QStringLiteral("source"));
    m_source->addItem(tr("Test pattern (clock, flash and beep)"), kSynthetic);
    m_source->addItem(tr("Video file"), kMediaFile);
    // Cameras are offered only when the machine has one.
    for (const QCameraDevice &camera : QMediaDevices::videoInputs())
        m_source->addItem(tr("Camera: %1").arg(camera.description()),
                          QVariant::fromValue(QStringList{QString::number(kCamera),
                                                          QString::fromUtf8(camera.id())}));
    m_mediaFile = new QLineEdit(m_sourceBox);
    m_mediaFile->setObjectName(QStringLiteral("mediaFile"));
    m_mediaFile->setPlaceholderText(tr("Choose a video file…"));
    QAction *browse = m_mediaFile->addAction(style()->standardIcon(QStyle::SP_DirOpenIcon),
                                             QLineEdit::TrailingPosition);
    connect(browse, &QAction::triggered, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Video file"), QString(), tr("Videos (*.mp4 *.mkv *.mov *.webm *.ts)"));
        if (!file.isEmpty())
            m_mediaFile->setText(file);
    });
    connect(m_source, &QComboBox::currentIndexChanged, this,
            [this] { m_mediaFile->setVisible(m_source->currentData().toInt() == kMediaFile); });
    m_mediaFile->hide();
    form->addRow(tr("Picture and sound"), m_source);
    form->addRow(QString(), m_mediaFile);
    return m_sourceBox;
}

QWidget *MainWindow::buildVideo()
{
    m_videoBox = new QGroupBox(tr("Video"), this);
    auto *form = new QFormLayout(m_videoBox);
    m_size = comboOf(kSizes, QStringLiteral("size"), m_videoBox);
    m_fps = comboOf(kRates, QStringLiteral("fps"), m_videoBox);
    m_preset = comboOf(kPresets, QStringLiteral("preset"), m_videoBox);
    m_preset->setToolTip(tr("Faster presets use less CPU for a little less quality"));
    m_bitrate = new QSpinBox(m_videoBox);
    m_bitrate->setObjectName(QStringLiteral("bitrate"));
    m_bitrate->setRange(200, 20'000);
    m_bitrate->setSingleStep(250);
    m_bitrate->setSuffix(tr(" kb/s"));
    m_bitrate->setToolTip(tr("Can be changed while live"));
    connect(m_bitrate, &QSpinBox::valueChanged, this, [this](int kbps) {
        if (m_pipeline)
            m_pipeline->setVideoBitrate(kbps);
    });
    form->addRow(tr("Resolution"), m_size);
    form->addRow(tr("Frame rate"), m_fps);
    form->addRow(tr("Bitrate"), m_bitrate);
    form->addRow(tr("Encoder preset"), m_preset);
    return m_videoBox;
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    m_serverUrl->setText(settings.value(QStringLiteral("server/url")).toString());
    m_rtmpUrl->setText(settings.value(QStringLiteral("rtmp/url")).toString());
    m_destination->setCurrentIndex(settings.value(QStringLiteral("destination"), 0).toInt());
    m_size->setCurrentText(settings.value(QStringLiteral("video/size"), kSizes.at(1)).toString());
    m_fps->setCurrentText(settings.value(QStringLiteral("video/fps"), 30).toString());
    m_bitrate->setValue(settings.value(QStringLiteral("video/bitrate_kbps"), 2500).toInt());
    m_preset->setCurrentText(
        settings.value(QStringLiteral("video/preset"), QStringLiteral("veryfast")).toString());
    m_mediaFile->setText(settings.value(QStringLiteral("source/file")).toString());
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
    settings.setValue(QStringLiteral("video/size"), m_size->currentText());
    settings.setValue(QStringLiteral("video/fps"), m_fps->currentText().toInt());
    settings.setValue(QStringLiteral("video/bitrate_kbps"), m_bitrate->value());
    settings.setValue(QStringLiteral("video/preset"), m_preset->currentText());
    settings.setValue(QStringLiteral("source/file"), m_mediaFile->text());
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
                    : refusal(error, tr("sign in")));
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
            showProblem(refusal(error, tr("make a new key")));
        }
    });
}

QString MainWindow::refusal(const ApiError &error, const QString &doing) const
{
    switch (error.status()) {
    case 0:
        return tr("Cannot reach the server. Check the server address and your network "
                  "connection.");
    case 401:
        return tr("The server refused the token (%1). Check it and connect again.")
            .arg(error.message());
    case 403:
        return tr("This account may not %1: %2.").arg(doing, error.message());
    case 429:
        return tr("Too many changes with this token; try again in %1 s.")
            .arg(std::max(1, error.retryAfterSeconds()));
    default:
        return tr("The server could not %1: %2").arg(doing, error.message());
    }
}

void MainWindow::goLive()
{
    if (m_pipeline)
        return;
    m_message->clear();
    m_endedByOperator = false;
    setLocked(true);
    m_stats->setStatus(tr("Connecting…"));

    if (m_destination->currentIndex() == 1) {
        const QUrl url(m_rtmpUrl->text().trimmed(), QUrl::StrictMode);
        if (!url.isValid() || !url.scheme().startsWith(u"rtmp") || url.host().isEmpty())
            return showProblem(tr("The RTMP URL must look like rtmp://host:1935/app"));
        if (m_streamKey->text().trimmed().isEmpty())
            return showProblem(tr("Paste the stream key first"));
        saveSettings();
        startBroadcast(url.toString(), m_streamKey->text().trimmed(), QUuid());
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
        m_api->createStream(title).then(this, [this](QFuture<CreatedStream> reply) {
            try {
                const CreatedStream created = reply.result();
                rememberStream(created);
                QStringList fallbacks;
                for (const QUrl &url : created.rtmpUrls) {
                    if (url != created.rtmpUrl)
                        fallbacks.append(url.toString());
                }
                startBroadcast(created.rtmpUrl.toString(), created.streamKey, created.stream.id,
                               fallbacks);
            } catch (const ApiError &error) {
                showProblem(refusal(error, tr("create the stream")));
            }
        });
        return;
    }
    const QUuid id(choice);
    const QString ingestUrl = m_known->ingestUrl(choice);
    m_known->readKey(id, [this, id, ingestUrl](const QString &key) {
        if (key.isEmpty() || ingestUrl.isEmpty())
            return showProblem(tr("The key of this stream is not kept here. Press New key to "
                                  "get one (the old key stops working), or create a new stream."));
        startBroadcast(ingestUrl, key, id);
    });
}

std::shared_ptr<MediaSource> MainWindow::makeSource()
{
    const auto format = VideoFormat::parseSize(m_size->currentText(), m_fps->currentText().toInt());
    const QVariant data = m_source->currentData();
    if (data.toInt() == kMediaFile && data.typeId() == QMetaType::Int) {
        auto source = std::make_shared<MediaFileSource>(
            QUrl::fromUserInput(m_mediaFile->text(), QString(), QUrl::AssumeLocalFile), *format);
        return source;
    }
    const QStringList camera = data.toStringList();
    if (camera.size() == 2 && camera.at(0).toInt() == kCamera) {
        for (const QCameraDevice &device : QMediaDevices::videoInputs()) {
            if (QString::fromUtf8(device.id()) != camera.at(1))
                continue;
            auto source = std::make_shared<CameraSource>(device, QMediaDevices::defaultAudioInput(),
                                                         *format, AudioFormat{});
            return source;
        }
    }
    return nullptr; // the synthetic source
}

void MainWindow::startBroadcast(const QString &ingestUrl, const QString &streamKey,
                                const QUuid &stream, const QStringList &fallbacks)
{
    BroadcastSettings settings;
    settings.ingestUrl = ingestUrl;
    settings.fallbackIngestUrls = fallbacks;
    settings.streamKey = streamKey;
    settings.video.format =
        *VideoFormat::parseSize(m_size->currentText(), m_fps->currentText().toInt());
    settings.video.bitrateKbps = m_bitrate->value();
    settings.video.preset = m_preset->currentText();
    settings.reconnect = true;
    settings.preview = true;
    settings.source = makeSource();

    m_pipeline = std::make_unique<BroadcastPipeline>(std::move(settings));
    connect(m_pipeline.get(), &BroadcastPipeline::live, this, [this] {
        m_reconnecting = false;
        m_countdown.stop();
        m_cancelReconnect->hide();
        m_message->clear();
        m_stats->setStatus(tr("Live"));
    });
    connect(m_pipeline.get(), &BroadcastPipeline::reconnecting, this,
            [this](int attempt, qint64 delayMs, const QString &, MediaError::Kind kind) {
                m_reconnecting = true;
                m_reconnectAt.setRemainingTime(delayMs);
                m_cancelReconnect->show();
                showNotice(streamerMessage(kind) + u' ' +
                           tr("Reconnecting by itself (attempt %1).").arg(attempt));
                updateCountdown();
                m_countdown.start();
            });
    connect(m_pipeline.get(), &BroadcastPipeline::statsUpdated, this, &MainWindow::onStats);
    connect(m_pipeline.get(), &BroadcastPipeline::previewFrame, m_preview,
            &PreviewView::showPicture);
    connect(m_pipeline.get(), &BroadcastPipeline::finished, this, &MainWindow::onFinished);

    m_apiStream = m_api ? stream : QUuid();
    m_stopRequested = false;
    if (m_api && !stream.isNull()) {
        m_events = new StreamEventFeed(m_api->baseUrl(), m_token->text().trimmed(), stream, this);
        connect(m_events, &StreamEventFeed::viewerCountChanged, m_stats, &StatsPanel::setViewers);
        connect(m_events, &StreamEventFeed::streamEnded, this, [this] {
            m_endedByOperator = true;
            stopBroadcast();
        });
        m_stats->setViewers(0);
    }
    m_pipeline->start();
}

void MainWindow::stopBroadcast()
{
    if (!m_pipeline)
        return;
    m_countdown.stop();
    m_stopRequested = !m_endedByOperator;
    m_stats->setStatus(tr("Stopping…"));
    m_pipeline->stop(); // finished() follows, from the pipeline's thread
}

void MainWindow::onStats(const BroadcastStats &stats)
{
    m_stats->showStats(stats);
    if (!m_reconnecting && stats.state == BroadcastState::Live)
        m_stats->setStatus(tr("Live"));
    // The source's trouble (a camera unplugged, a file that cannot be played), once when it
    // starts; the broadcast goes on meanwhile.
    if (stats.sourceProblem != m_sourceProblem) {
        if (!stats.sourceProblem.isEmpty())
            showNotice(stats.sourceProblem);
        else if (m_message->text() == m_sourceProblem)
            m_message->clear();
        m_sourceProblem = stats.sourceProblem;
    }
}

void MainWindow::updateCountdown()
{
    const qint64 seconds = (m_reconnectAt.remainingTime() + 999) / 1000;
    m_stats->setStatus(seconds > 0 ? tr("Reconnecting in %1 s").arg(seconds) : tr("Reconnecting…"),
                       Severity::Warning);
}

void MainWindow::onFinished(bool clean, const QString &, MediaError::Kind kind)
{
    // The pipeline's thread has ended; joining it here is immediate.
    m_pipeline.reset();
    delete m_events;
    m_events = nullptr;
    m_countdown.stop();
    m_reconnecting = false;
    m_sourceProblem.clear();
    m_cancelReconnect->hide();
    setLocked(false);
    m_stats->setStatus(tr("Stopped"));
    // Over RTMP a stop looks like a dropped network; the streamer meant it: the stream ends now.
    if (m_stopRequested && m_api && !m_apiStream.isNull()) {
        m_api->endStream(m_apiStream).then(this, [this](QFuture<Stream> ended) {
            try {
                ended.waitForFinished();
            } catch (const std::exception &) {
                showNotice(tr("The server will end the stream once its reconnect time is up."));
            }
        });
    }
    m_apiStream = QUuid();
    m_stopRequested = false;
    if (m_endedByOperator || kind == MediaError::Kind::Ended)
        showProblem(streamerMessage(MediaError::Kind::Ended));
    else if (!clean)
        showProblem(streamerMessage(kind));
    if (m_endedByOperator || kind == MediaError::Kind::Ended)
        refreshStreamChoice();
    emit broadcastFinished();
}

void MainWindow::setLocked(bool live)
{
    // While live only the bitrate can change (x264 takes a new one between pictures).
    m_destination->setEnabled(!live);
    m_sourceBox->setEnabled(!live);
    m_size->setEnabled(!live);
    m_fps->setEnabled(!live);
    m_preset->setEnabled(!live);
    m_goLive->setEnabled(!live);
    m_stop->setEnabled(live);
    const bool creating = m_streamChoice->currentData().toString() == kNewStream;
    m_streamTitle->setEnabled(creating && !live);
    m_rotateKey->setEnabled(!creating && m_api && !live);
}

void MainWindow::showProblem(const QString &text)
{
    m_message->setStyleSheet(
        QStringLiteral("color: %1").arg(severityColour(Severity::Error).name()));
    m_message->setText(text);
    if (!m_pipeline) {
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
