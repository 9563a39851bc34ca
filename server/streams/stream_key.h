#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace nova {

// A stream key: "nvk_" + a 64-bit public selector (16 hex digits) + "_" + a 256-bit secret
// verifier (43 base64url characters). The selector finds the row without touching the secret;
// only the verifier's SHA-256 is stored, and it is compared in constant time. Split this way, no
// database index lookup ever runs on secret material.
class StreamKey
{
public:
    // A fresh key from the operating system's CSPRNG.
    static StreamKey generate();
    // Accepts exactly the format above; nullopt for anything else (without revealing why).
    static std::optional<StreamKey> parse(QStringView text);

    QString text() const;
    const QString &selector() const { return m_selector; }
    // Hex SHA-256 of the verifier: what the database stores.
    QString verifierHash() const;
    // Constant-time comparison against a stored verifierHash().
    bool verifies(QStringView storedHash) const;

private:
    StreamKey(QString selector, QString verifier);

    QString m_selector;
    QString m_verifier;
};

} // namespace nova
