#include "broadcaster/ui/destination_form.h"

#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStyle>

namespace nova {

namespace {
const QString kNewStream; // the stream choice that creates one
constexpr int kRtmpTab = 1;
} // namespace

DestinationForm::DestinationForm(SecretStore &secrets, QWidget *parent)
    : QTabWidget(parent)
    , m_account(new ServerAccount(secrets, this))
{
    setObjectName(QStringLiteral("destination"));
    addTab(buildServerTab(), tr("Nova server"));
    addTab(buildRtmpTab(), tr("RTMP URL and key"));

    connect(m_account, &ServerAccount::signedIn, m_serverState, &QLabel::setText);
    connect(m_account, &ServerAccount::signInFailed, m_serverState, &QLabel::setText);
    connect(m_account, &ServerAccount::streamsListed, this, &DestinationForm::showChoices);
    connect(m_account, &ServerAccount::streamKept, this, &DestinationForm::keep);
    connect(m_account, &ServerAccount::keyRotated, this, &DestinationForm::enableStreamActions);
    connect(m_account, &ServerAccount::ready, this, &DestinationForm::ready);
    connect(m_account, &ServerAccount::refused, this, &DestinationForm::refused);
    connect(m_account, &ServerAccount::notice, this, &DestinationForm::notice);
}

DestinationForm::~DestinationForm() = default;

QWidget *DestinationForm::buildServerTab()
{
    auto *server = new QWidget(this);
    auto *form = new QFormLayout(server);
    m_serverUrl = new QLineEdit(server);
    m_serverUrl->setObjectName(QStringLiteral("serverUrl"));
    m_serverUrl->setPlaceholderText(QStringLiteral("http://127.0.0.1:8081"));
    m_token = new QLineEdit(server);
    m_token->setObjectName(QStringLiteral("token"));
    m_token->setEchoMode(QLineEdit::Password);
    m_connect = new QPushButton(tr("Connect"), server);
    m_connect->setObjectName(QStringLiteral("connect"));
    connect(m_connect, &QPushButton::clicked, this, &DestinationForm::connectToServer);
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
    connect(m_rotateKey, &QPushButton::clicked, this, [this] {
        m_rotateKey->setEnabled(false); // until the server answers
        m_account->rotateKey(m_streamChoice->currentData().toString(),
                             m_streamChoice->currentText());
    });
    connect(m_streamChoice, &QComboBox::currentIndexChanged, this,
            &DestinationForm::enableStreamActions);
    form->addRow(tr("Server"), m_serverUrl);
    form->addRow(tr("Token"), m_token);
    form->addRow(QString(), m_connect);
    form->addRow(QString(), m_serverState);
    auto *choice = new QHBoxLayout;
    choice->addWidget(m_streamChoice, 1);
    choice->addWidget(m_rotateKey);
    form->addRow(tr("Stream"), choice);
    form->addRow(tr("Title"), m_streamTitle);
    return server;
}

QWidget *DestinationForm::buildRtmpTab()
{
    auto *rtmp = new QWidget(this);
    auto *form = new QFormLayout(rtmp);
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
    form->addRow(tr("RTMP URL"), m_rtmpUrl);
    form->addRow(tr("Stream key"), m_streamKey);
    return rtmp;
}

void DestinationForm::useServer(const QUrl &server, const QString &token)
{
    if (server.isValid() && !server.isEmpty())
        m_serverUrl->setText(server.toString());
    if (!token.isEmpty())
        m_token->setText(token);
}

void DestinationForm::useRtmp(const QString &url, const QString &key)
{
    if (url.isEmpty())
        return;
    m_rtmpUrl->setText(url);
    m_streamKey->setText(key);
    setCurrentIndex(kRtmpTab);
}

void DestinationForm::restoreSettings()
{
    QSettings settings;
    m_serverUrl->setText(settings.value(QStringLiteral("server/url")).toString());
    m_rtmpUrl->setText(settings.value(QStringLiteral("rtmp/url")).toString());
    setCurrentIndex(settings.value(QStringLiteral("destination"), 0).toInt());
    m_account->readSavedToken([this](const QString &token) {
        if (m_token->text().isEmpty())
            m_token->setText(token);
    });
    m_account->listStreams();
}

void DestinationForm::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("server/url"), m_serverUrl->text());
    settings.setValue(QStringLiteral("rtmp/url"), m_rtmpUrl->text());
    settings.setValue(QStringLiteral("destination"), currentIndex());
}

void DestinationForm::connectToServer()
{
    const QUrl url(m_serverUrl->text().trimmed(), QUrl::StrictMode);
    if (!url.isValid() || !url.scheme().startsWith(u"http") || url.host().isEmpty()) {
        m_serverState->setText(tr("The server address must look like http://host:port"));
        return;
    }
    saveSettings();
    m_serverState->setText(tr("Connecting…"));
    m_account->signIn(url, m_token->text().trimmed());
    m_account->listStreams();
}

void DestinationForm::prepare()
{
    if (currentIndex() == kRtmpTab) {
        const QUrl url(m_rtmpUrl->text().trimmed(), QUrl::StrictMode);
        if (!url.isValid() || !url.scheme().startsWith(u"rtmp") || url.host().isEmpty())
            return emit refused(tr("The RTMP URL must look like rtmp://host:1935/app"));
        if (m_streamKey->text().trimmed().isEmpty())
            return emit refused(tr("Paste the stream key first"));
        saveSettings();
        Destination destination;
        destination.ingestUrl = url.toString();
        destination.streamKey = m_streamKey->text().trimmed();
        return emit ready(destination);
    }
    if (!m_account->isConnected())
        connectToServer();
    const QString choice = m_streamChoice->currentData().toString();
    QString title = m_streamTitle->text().trimmed();
    if (title.isEmpty())
        title = tr("Live from Nova Broadcaster");
    m_account->prepare(choice == kNewStream ? QString() : choice, title);
}

void DestinationForm::setLive(bool live)
{
    m_live = live;
    setEnabled(!live);
    enableStreamActions();
}

void DestinationForm::endServerStream(const QUuid &stream)
{
    m_account->endStream(stream);
}

void DestinationForm::listStreams()
{
    m_account->listStreams();
}

void DestinationForm::showChoices(const QList<ServerAccount::Choice> &choices)
{
    const QString chosen = m_streamChoice->currentData().toString();
    m_streamChoice->clear();
    m_streamChoice->addItem(tr("New stream"), kNewStream);
    for (const ServerAccount::Choice &choice : choices)
        m_streamChoice->addItem(choice.label, choice.id);
    if (const int index = m_streamChoice->findData(chosen); index >= 0)
        m_streamChoice->setCurrentIndex(index);
}

void DestinationForm::keep(const QString &id, const QString &title)
{
    int index = m_streamChoice->findData(id);
    if (index < 0) {
        m_streamChoice->addItem(title, id);
        index = m_streamChoice->count() - 1;
    } else {
        m_streamChoice->setItemText(index, title);
    }
    m_streamChoice->setCurrentIndex(index);
}

void DestinationForm::enableStreamActions()
{
    const bool creating = m_streamChoice->currentData().toString() == kNewStream;
    m_streamTitle->setEnabled(creating && !m_live);
    m_rotateKey->setEnabled(!creating && m_account->isConnected() && !m_live);
}

} // namespace nova
