#pragma once

#include "broadcaster/session/destination.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QUuid>

#include <memory>

namespace nova {

class ApiClient;
class KnownStreams;
class SecretStore;
struct Stream;

// The streamer's account on a Nova server, without a widget: signs in with a token, lists the
// streams that can still go live (the account's own, or offline those whose keys are kept here),
// creates a stream, gives one a new key, ends one, and turns the streamer's choice into a
// Destination. Every answer comes by signal; nothing here waits on the network.
class ServerAccount : public QObject
{
    Q_OBJECT

public:
    struct Choice
    {
        QString id; // empty: a new stream
        QString label;
    };

    explicit ServerAccount(SecretStore &secrets, QObject *parent = nullptr);
    ~ServerAccount() override;

    bool isConnected() const { return m_api != nullptr; }
    // The token kept from the last sign-in, by callback (a keyring answers asynchronously).
    void readSavedToken(std::function<void(const QString &token)> done) const;

    void signIn(const QUrl &server, const QString &token);
    // streamsListed() follows: at once offline, after the server's answer when signed in.
    void listStreams();
    void rotateKey(const QString &id, const QString &shownTitle);
    // ready() or refused(): `id` is a listed stream's, or empty to create one titled `title`.
    void prepare(const QString &id, const QString &title);
    // notice() if the server cannot be told.
    void endStream(const QUuid &id);

signals:
    void signedIn(const QString &who);
    void signInFailed(const QString &why);
    void streamsListed(const QList<nova::ServerAccount::Choice> &choices);
    // A stream created here, or given a new key here: the window shows it as chosen.
    void streamKept(const QString &id, const QString &title);
    void keyRotated(const QString &id);
    void ready(const nova::Destination &destination);
    void refused(const QString &why);
    void notice(const QString &text);

private:
    void listServerStreams(const QList<Stream> &streams);
    Destination destination(const QString &ingestUrl, const QString &key, const QUuid &stream,
                            const QStringList &fallbacks = {}) const;

    SecretStore &m_secrets;
    std::unique_ptr<KnownStreams> m_known;
    std::unique_ptr<ApiClient> m_api;
    QString m_token;
};

} // namespace nova
