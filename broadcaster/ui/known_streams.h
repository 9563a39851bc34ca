#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <functional>

namespace nova {

class SecretStore;

// The streams whose keys this window holds: their titles and ingest URLs in the settings, their
// keys in the SecretStore, never side by side. A stream created here, or given a new key here,
// is remembered; an ended one is forgotten.
class KnownStreams
{
public:
    explicit KnownStreams(SecretStore &secrets);

    QStringList ids() const;
    QString title(const QString &id) const;
    QString ingestUrl(const QString &id) const;
    bool holdsKey(const QString &id) const;

    void remember(const QUuid &id, const QString &title, const QString &ingestUrl,
                  const QString &key);
    void forget(const QString &id);
    // The key, by callback (a keyring answers asynchronously); empty when none is kept.
    void readKey(const QUuid &id, std::function<void(const QString &key)> done) const;

private:
    SecretStore &m_secrets;
};

} // namespace nova
