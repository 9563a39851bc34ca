#pragma once

#include "broadcaster/media/media_error.h"
#include "broadcaster/pipeline/broadcast_stats.h"
#include "broadcaster/ui/window_options.h"

#include <QDeadlineTimer>
#include <QMainWindow>
#include <QTimer>
#include <QUuid>

#include <memory>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace nova {

class ApiClient;
class KnownStreams;
class BroadcastPipeline;
class MediaSource;
class PreviewView;
class SecretStore;
class StatsPanel;
class StreamEventFeed;
class ApiError;
struct CreatedStream;
struct Stream;

// nova-broadcaster's window: where to go live (a Nova server signed in with a token, creating a
// stream or choosing one of the account's own, or a pasted RTMP URL and key), what to send (source,
// size, rate, bitrate, preset), a preview of the encoded picture, Go Live / Stop, and the stats a
// streamer watches. Every network and media job runs elsewhere and answers by signal, so the window
// never waits.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const WindowOptions &options = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    bool isBroadcasting() const { return m_pipeline != nullptr; }

public slots:
    void connectToServer();
    void goLive();
    void stopBroadcast();

signals:
    void broadcastFinished(); // the pipeline has ended, for whatever reason

private:
    QWidget *buildDestination();
    QWidget *buildSource();
    QWidget *buildVideo();
    void restoreSettings();
    void saveSettings() const;
    void refreshStreamChoice();
    void showServerStreams(const QList<Stream> &streams);
    void rememberStream(const CreatedStream &created);
    void rotateKey();
    // Words for a refusal of the API's, for the streamer.
    QString refusal(const ApiError &error, const QString &doing) const;
    // `fallbacks`: the platform's other ingest nodes, tried in turn on reconnect.
    void startBroadcast(const QString &ingestUrl, const QString &streamKey, const QUuid &stream,
                        const QStringList &fallbacks = {});
    std::shared_ptr<MediaSource> makeSource();
    void setLocked(bool live);
    void showProblem(const QString &text);
    void showNotice(const QString &text);
    void onFinished(bool clean, const QString &error, MediaError::Kind kind);
    void onStats(const BroadcastStats &stats);
    void updateCountdown();

    std::unique_ptr<ApiClient> m_api;
    SecretStore *m_secrets;
    std::unique_ptr<KnownStreams> m_known;
    std::unique_ptr<BroadcastPipeline> m_pipeline;
    StreamEventFeed *m_events = nullptr;

    QTabWidget *m_destination;
    QLineEdit *m_serverUrl;
    QLineEdit *m_token;
    QPushButton *m_connect;
    QLabel *m_serverState;
    QComboBox *m_streamChoice;
    QPushButton *m_rotateKey;
    QLineEdit *m_streamTitle;
    QLineEdit *m_rtmpUrl;
    QLineEdit *m_streamKey;
    QGroupBox *m_sourceBox;
    QComboBox *m_source;
    QLineEdit *m_mediaFile;
    QGroupBox *m_videoBox;
    QComboBox *m_size;
    QComboBox *m_fps;
    QSpinBox *m_bitrate;
    QComboBox *m_preset;
    PreviewView *m_preview;
    StatsPanel *m_stats;
    QLabel *m_message;
    QPushButton *m_goLive;
    QPushButton *m_stop;
    QPushButton *m_cancelReconnect;

    QTimer m_countdown;
    QDeadlineTimer m_reconnectAt;
    bool m_endedByOperator = false;
    bool m_stopRequested = false;
    // The server's stream being published, when it was chosen through the API: Stop ends it, so
    // that it is not left waiting out its reconnect grace.
    QUuid m_apiStream;
    bool m_reconnecting = false;
    QString m_sourceProblem; // as last shown
};

} // namespace nova
