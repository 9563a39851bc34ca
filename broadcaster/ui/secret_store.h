#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace nova {

// Where the window keeps its secrets (the operator token, the keys of streams it created): the
// desktop's keyring when the session offers one (QtKeychain), otherwise a file only its owner can
// read (0600) next to the settings, never the plain settings file. Reads answer by callback,
// since a keyring answers asynchronously.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    explicit SecretStore(QObject *parent = nullptr);

    void read(const QString &name, std::function<void(const QString &secret)> done);
    void write(const QString &name, const QString &secret);

    bool usesKeyring() const { return m_keyring; }
    // The 0600 file used when there is no keyring.
    static QString filePath();

private:
    QString readFile(const QString &name) const;
    void writeFile(const QString &name, const QString &secret);

    bool m_keyring = false;
};

} // namespace nova
