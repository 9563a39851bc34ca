#include "broadcaster/ui/known_streams.h"

#include "broadcaster/ui/secret_store.h"

#include <QSettings>

namespace nova {

namespace {
QString keySecret(const QUuid &stream)
{
    return QStringLiteral("stream-key/") + stream.toString(QUuid::WithoutBraces);
}

QString field(const QString &id, const char *name)
{
    return QStringLiteral("streams/%1/%2").arg(id, QLatin1StringView(name));
}
} // namespace

KnownStreams::KnownStreams(SecretStore &secrets)
    : m_secrets(secrets)
{}

QStringList KnownStreams::ids() const
{
    return QSettings().value(QStringLiteral("streams/ids")).toStringList();
}

QString KnownStreams::title(const QString &id) const
{
    return QSettings().value(field(id, "title")).toString();
}

QString KnownStreams::ingestUrl(const QString &id) const
{
    return QSettings().value(field(id, "rtmp_url")).toString();
}

bool KnownStreams::holdsKey(const QString &id) const
{
    return ids().contains(id);
}

void KnownStreams::remember(const QUuid &id, const QString &title, const QString &ingestUrl,
                            const QString &key)
{
    const QString text = id.toString(QUuid::WithoutBraces);
    QSettings settings;
    QStringList known = ids();
    if (!known.contains(text))
        known.append(text);
    settings.setValue(QStringLiteral("streams/ids"), known);
    settings.setValue(field(text, "title"), title);
    settings.setValue(field(text, "rtmp_url"), ingestUrl);
    m_secrets.write(keySecret(id), key);
}

void KnownStreams::forget(const QString &id)
{
    if (!holdsKey(id))
        return;
    QSettings settings;
    QStringList known = ids();
    known.removeAll(id);
    settings.setValue(QStringLiteral("streams/ids"), known);
    settings.remove(QStringLiteral("streams/") + id);
    m_secrets.write(keySecret(QUuid(id)), QString());
}

void KnownStreams::readKey(const QUuid &id, std::function<void(const QString &key)> done) const
{
    m_secrets.read(keySecret(id), std::move(done));
}

} // namespace nova
