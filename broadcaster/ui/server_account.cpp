#include "broadcaster/ui/server_account.h"

#include "broadcaster/ui/known_streams.h"
#include "broadcaster/ui/secret_store.h"
#include "broadcaster/ui/streamer_message.h"
#include "shared/api_client.h"
#include "shared/api_error.h"

namespace nova {

namespace {
// An operator's or a streamer's token; the name it had when only operators signed in.
const QString kTokenSecret = QStringLiteral("operator-token");
} // namespace

ServerAccount::ServerAccount(SecretStore &secrets, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_known(std::make_unique<KnownStreams>(secrets))
{}

ServerAccount::~ServerAccount() = default;

void ServerAccount::readSavedToken(std::function<void(const QString &)> done) const
{
    m_secrets.read(kTokenSecret, std::move(done));
}

void ServerAccount::signIn(const QUrl &server, const QString &token)
{
    m_api = std::make_unique<ApiClient>(server, token);
    m_token = token;
    m_secrets.write(kTokenSecret, token);
    m_api->me().then(this, [this, server](QFuture<Identity> reply) {
        try {
            const Identity identity = reply.result();
            emit signedIn(tr("Signed in as %1 (%2)")
                              .arg(identity.account.name, toString(identity.account.role)));
            listStreams();
        } catch (const ApiError &error) {
            emit signInFailed(
                error.status() == 0
                    ? tr("Cannot reach the server at %1. Check the address.").arg(server.toString())
                    : refusalMessage(error, tr("sign in")));
        }
    });
}

void ServerAccount::listStreams()
{
    if (!m_api) {
        QList<Choice> choices;
        for (const QString &id : m_known->ids())
            choices.append({id, m_known->title(id)});
        emit streamsListed(choices);
        return;
    }
    m_api->streams(QStringLiteral("all"), 100, true)
        .then(this, [this](QFuture<QList<Stream>> reply) {
            try {
                listServerStreams(reply.result());
            } catch (const ApiError &) {
                // Not signed in (yet): only "New stream", which says why if it is refused.
                emit streamsListed({});
            }
        });
}

void ServerAccount::listServerStreams(const QList<Stream> &streams)
{
    QList<Choice> choices;
    for (const Stream &stream : streams) {
        const QString id = stream.id.toString(QUuid::WithoutBraces);
        if (isTerminal(stream.status)) {
            m_known->forget(id); // the key of an ended stream opens nothing
            continue;
        }
        choices.append({id, m_known->holdsKey(id)
                                ? stream.title
                                : tr("%1 (no key here: press New key)").arg(stream.title)});
    }
    emit streamsListed(choices);
}

void ServerAccount::rotateKey(const QString &id, const QString &shownTitle)
{
    if (!m_api || id.isEmpty())
        return;
    m_api->rotateStreamKey(QUuid(id)).then(this, [this, id, shownTitle](
                                                     QFuture<std::pair<QString, QUrl>> reply) {
        try {
            const auto [key, ingest] = reply.result();
            QString title = m_known->title(id);
            if (title.isEmpty())
                title = shownTitle.section(QStringLiteral(" ("), 0, 0);
            m_known->remember(QUuid(id), title, ingest.toString(), key);
            emit streamKept(id, title);
            emit keyRotated(id);
            emit notice(tr("This stream has a new key, kept here; the old one no longer works."));
        } catch (const ApiError &error) {
            emit keyRotated(id);
            emit refused(refusalMessage(error, tr("make a new key")));
        }
    });
}

void ServerAccount::prepare(const QString &id, const QString &title)
{
    if (!m_api)
        return emit refused(tr("Enter the server address and connect first"));
    if (id.isEmpty()) {
        m_api->createStream(title).then(this, [this](QFuture<CreatedStream> reply) {
            try {
                const CreatedStream created = reply.result();
                const QString createdId = created.stream.id.toString(QUuid::WithoutBraces);
                m_known->remember(created.stream.id, created.stream.title,
                                  created.rtmpUrl.toString(), created.streamKey);
                emit streamKept(createdId, created.stream.title);
                QStringList fallbacks;
                for (const QUrl &url : created.rtmpUrls) {
                    if (url != created.rtmpUrl)
                        fallbacks.append(url.toString());
                }
                emit ready(destination(created.rtmpUrl.toString(), created.streamKey,
                                       created.stream.id, fallbacks));
            } catch (const ApiError &error) {
                emit refused(refusalMessage(error, tr("create the stream")));
            }
        });
        return;
    }
    const QUuid stream(id);
    const QString ingestUrl = m_known->ingestUrl(id);
    m_known->readKey(stream, [this, stream, ingestUrl](const QString &key) {
        if (key.isEmpty() || ingestUrl.isEmpty())
            return emit refused(
                tr("The key of this stream is not kept here. Press New key to get one (the old "
                   "key stops working), or create a new stream."));
        emit ready(destination(ingestUrl, key, stream));
    });
}

void ServerAccount::endStream(const QUuid &id)
{
    if (!m_api || id.isNull())
        return;
    m_api->endStream(id).then(this, [this](QFuture<Stream> ended) {
        try {
            ended.waitForFinished();
        } catch (const std::exception &) {
            emit notice(tr("The server will end the stream once its reconnect time is up."));
        }
    });
}

Destination ServerAccount::destination(const QString &ingestUrl, const QString &key,
                                       const QUuid &stream, const QStringList &fallbacks) const
{
    Destination destination;
    destination.ingestUrl = ingestUrl;
    destination.streamKey = key;
    destination.fallbackIngestUrls = fallbacks;
    destination.server = m_api ? m_api->baseUrl() : QUrl();
    destination.token = m_token;
    destination.serverStream = stream;
    return destination;
}

} // namespace nova
