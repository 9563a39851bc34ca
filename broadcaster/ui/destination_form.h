#pragma once

#include "broadcaster/session/destination.h"
#include "broadcaster/ui/server_account.h"

#include <QTabWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace nova {

class SecretStore;

// The window's "where to go live" tabs: a Nova server (address, token, Connect, the stream to
// use or a new one and its title, New key), or a pasted RTMP URL and key. prepare() checks what
// was entered and answers with ready() or refused(); the server's part is a ServerAccount's.
class DestinationForm : public QTabWidget
{
    Q_OBJECT

public:
    explicit DestinationForm(SecretStore &secrets, QWidget *parent = nullptr);
    ~DestinationForm() override;

    void useServer(const QUrl &server, const QString &token);
    void useRtmp(const QString &url, const QString &key);

    void connectToServer();
    void prepare();
    void setLive(bool live);
    // After a broadcast: the streamer's stop ends the server's stream at once (over RTMP it looks
    // like a dropped network); one an operator ended leaves the list.
    void endServerStream(const QUuid &stream);
    void listStreams();

    void restoreSettings();
    void saveSettings() const;

signals:
    void ready(const nova::Destination &destination);
    void refused(const QString &why);
    void notice(const QString &text);

private:
    QWidget *buildServerTab();
    QWidget *buildRtmpTab();
    void showChoices(const QList<ServerAccount::Choice> &choices);
    void keep(const QString &id, const QString &title);
    void enableStreamActions();

    ServerAccount *m_account;
    bool m_live = false;
    QLineEdit *m_serverUrl;
    QLineEdit *m_token;
    QPushButton *m_connect;
    QLabel *m_serverState;
    QComboBox *m_streamChoice;
    QPushButton *m_rotateKey;
    QLineEdit *m_streamTitle;
    QLineEdit *m_rtmpUrl;
    QLineEdit *m_streamKey;
};

} // namespace nova
