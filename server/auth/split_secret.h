#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace nova {

// A secret in two parts: PREFIX + a 64-bit public selector (16 hex digits) + "_" + a 256-bit
// verifier (43 base64url characters). The selector finds the row without touching the secret;
// only the verifier's SHA-256 is stored, and it is compared in constant time, so no database
// index lookup ever runs on secret material. Stream keys and access tokens share this shape and
// differ by prefix.
class SplitSecret
{
public:
    // A fresh secret from the operating system's CSPRNG.
    static SplitSecret generate(QStringView prefix);
    // Accepts exactly the format above; nullopt for anything else (without revealing why).
    static std::optional<SplitSecret> parse(QStringView prefix, QStringView text);

    QString text() const;
    const QString &selector() const { return m_selector; }
    // Hex SHA-256 of the verifier: what the database stores.
    QString verifierHash() const;
    // Constant-time comparison against a stored verifierHash().
    bool verifies(QStringView storedHash) const;

protected:
    SplitSecret(QString prefix, QString selector, QString verifier);

private:
    QString m_prefix;
    QString m_selector;
    QString m_verifier;
};

} // namespace nova
