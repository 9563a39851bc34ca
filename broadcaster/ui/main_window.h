#pragma once

#include "broadcaster/media/media_error.h"
#include "broadcaster/pipeline/broadcast_stats.h"
#include "broadcaster/scene/scene_spec.h"
#include "broadcaster/session/broadcast_session.h"
#include "broadcaster/ui/window_options.h"

#include <QMainWindow>
#include <QUuid>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace nova {

class ApiClient;
class KnownStreams;
class MixerPanel;
class SourcePicker;
class VideoSettingsForm;
class PreviewView;
class SecretStore;
class StatsPanel;
struct CreatedStream;
struct Stream;

// nova-broadcaster's window: where to go live (a Nova server signed in with a token, creating a
// stream or choosing one of the account's own, or a pasted RTMP URL and key), what to send (the
// SourcePicker; size, rate, bitrate, preset), a preview of the encoded picture, Go Live / Stop /
// Record, the mixer and the stats a streamer watches. The broadcast itself is a BroadcastSession;
// every network and media job runs elsewhere and answers by signal, so the window never waits.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const WindowOptions &options = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    bool isBroadcasting() const { return m_session != nullptr; }

public slots:
    void connectToServer();
    void goLive();
    void stopBroadcast();

signals:
    void broadcastFinished(); // the pipeline has ended, for whatever reason

private:
    QWidget *buildDestination();
    void restoreSettings();
    void saveSettings() const;
    void refreshStreamChoice();
    void showServerStreams(const QList<Stream> &streams);
    void rememberStream(const CreatedStream &created);
    void rotateKey();
    // Sends `spec` (as the picker chose it at Go Live); `fallbacks`: the platform's other ingest
    // nodes, tried in turn on reconnect.
    void startBroadcast(const SceneSpec &spec, const QString &ingestUrl, const QString &streamKey,
                        const QUuid &stream, const QStringList &fallbacks = {});
    // Starts or stops a recording of what is sent, as the Record button asks.
    void setRecording(bool on);
    // The test pattern in place of a picture that gives nothing; the broadcast goes on.
    void useTestPattern();
    void setLocked(bool live);
    void showProblem(const QString &text);
    void showNotice(const QString &text);
    void onFinished(BroadcastSession::Ending ending, bool clean, MediaError::Kind kind);
    void onStats(const BroadcastStats &stats);

    std::unique_ptr<ApiClient> m_api;
    SecretStore *m_secrets;
    std::unique_ptr<KnownStreams> m_known;
    std::unique_ptr<BroadcastSession> m_session;

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
    SourcePicker *m_sourcePicker;
    MixerPanel *m_mixer;
    VideoSettingsForm *m_video;
    PreviewView *m_preview;
    StatsPanel *m_stats;
    QLabel *m_message;
    QPushButton *m_goLive;
    QPushButton *m_stop;
    QPushButton *m_cancelReconnect;
    QPushButton *m_record;
    QPushButton *m_useTestPattern;

    QString m_sourceProblem; // as last shown
};

} // namespace nova
