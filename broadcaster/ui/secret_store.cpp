#include "broadcaster/ui/secret_store.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QStandardPaths>

#ifdef NOVA_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace nova {

Q_LOGGING_CATEGORY(lcSecrets, "nova.broadcaster.secrets")

namespace {
const QString kService = QStringLiteral("nova-broadcaster");

QJsonObject readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}
} // namespace

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
{
#ifdef NOVA_HAVE_QTKEYCHAIN
    // A keyring lives in the desktop session; without a session bus there is none to ask.
    m_keyring = !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS") &&
                qEnvironmentVariable("NOVA_SECRET_STORE") != u"file";
#endif
}

QString SecretStore::filePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/secrets.json");
}

QString SecretStore::readFile(const QString &name) const
{
    return readAll(filePath()).value(name).toString();
}

void SecretStore::writeFile(const QString &name, const QString &secret)
{
    QJsonObject secrets = readAll(filePath());
    secrets.insert(name, secret);
    QDir().mkpath(QFileInfo(filePath()).absolutePath());
    QSaveFile file(filePath());
    // Owner-only before a byte is written, so the secret is never readable by others.
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        qCWarning(lcSecrets) << "cannot write" << filePath();
        return;
    }
    file.write(QJsonDocument(secrets).toJson(QJsonDocument::Compact));
    if (!file.commit())
        qCWarning(lcSecrets) << "cannot write" << filePath();
}

void SecretStore::read(const QString &name, std::function<void(const QString &)> done)
{
#ifdef NOVA_HAVE_QTKEYCHAIN
    if (m_keyring) {
        auto *job = new QKeychain::ReadPasswordJob(kService, this);
        job->setKey(name);
        connect(job, &QKeychain::Job::finished, this, [this, job, name, done] {
            if (job->error() == QKeychain::NoError)
                done(job->textData());
            else
                done(readFile(name)); // saved before a keyring existed, or the keyring failed
        });
        job->start();
        return;
    }
#endif
    done(readFile(name));
}

void SecretStore::write(const QString &name, const QString &secret)
{
#ifdef NOVA_HAVE_QTKEYCHAIN
    if (m_keyring) {
        auto *job = new QKeychain::WritePasswordJob(kService, this);
        job->setKey(name);
        job->setTextData(secret);
        connect(job, &QKeychain::Job::finished, this, [this, job, name, secret] {
            if (job->error() != QKeychain::NoError) {
                qCWarning(lcSecrets) << "the keyring refused a secret; keeping it in" << filePath();
                writeFile(name, secret);
            }
        });
        job->start();
        return;
    }
#endif
    writeFile(name, secret);
}

} // namespace nova
