#pragma once

#include "broadcaster/media/media_error.h"
#include "broadcaster/pipeline/broadcast_stats.h"
#include "broadcaster/scene/scene_spec.h"
#include "broadcaster/session/broadcast_session.h"
#include "broadcaster/session/destination.h"
#include "broadcaster/ui/window_options.h"

#include <QMainWindow>

#include <memory>
#include <optional>

class QLabel;
class QPushButton;

namespace nova {

class DestinationForm;
class MixerPanel;
class SourcePicker;
class VideoSettingsForm;
class PreviewView;
class SecretStore;
class StatsPanel;

// nova-broadcaster's window: where to go live (the DestinationForm), what to send (the
// SourcePicker, the VideoSettingsForm), a preview of the encoded picture, Go Live / Stop /
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
    void restoreSettings();
    void saveSettings() const;
    // Sends the scene checked at Go Live to where the DestinationForm said.
    void startBroadcast(const Destination &destination);
    // Starts or stops a recording of what is sent, as the Record button asks.
    void setRecording(bool on);
    // The test pattern in place of a picture that gives nothing; the broadcast goes on.
    void useTestPattern();
    void setLocked(bool live);
    void showProblem(const QString &text);
    void showNotice(const QString &text);
    void onFinished(BroadcastSession::Ending ending, bool clean, MediaError::Kind kind);
    void onStats(const BroadcastStats &stats);

    SecretStore *m_secrets;
    std::unique_ptr<BroadcastSession> m_session;
    // Between Go Live and the destination's answer: what to send, as checked then.
    std::optional<SceneSpec> m_goingLiveWith;

    DestinationForm *m_destination;
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
