#include "server/streams/stream_key.h"

#include "shared/constant_time.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>

namespace nova {

namespace {
constexpr QStringView kPrefix = u"nvk_";
constexpr qsizetype kSelectorChars = 16;
constexpr qsizetype kVerifierChars = 43; // 32 bytes, base64url without padding
constexpr qsizetype kKeyChars = 4 + kSelectorChars + 1 + kVerifierChars;

QByteArray randomBytes(qsizetype count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          count / qsizetype(sizeof(quint32)));
    return bytes;
}

bool isLowerHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
}

bool isBase64Url(QChar c)
{
    return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') ||
           c == u'-' || c == u'_';
}
} // namespace

StreamKey::StreamKey(QString selector, QString verifier)
    : m_selector(std::move(selector))
    , m_verifier(std::move(verifier))
{}

StreamKey StreamKey::generate()
{
    const QString selector = QString::fromLatin1(randomBytes(8).toHex());
    const QString verifier = QString::fromLatin1(
        randomBytes(32).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    return StreamKey(selector, verifier);
}

std::optional<StreamKey> StreamKey::parse(QStringView text)
{
    if (text.size() != kKeyChars || !text.startsWith(kPrefix))
        return std::nullopt;
    const QStringView selector = text.sliced(kPrefix.size(), kSelectorChars);
    const QStringView separator = text.sliced(kPrefix.size() + kSelectorChars, 1);
    const QStringView verifier = text.sliced(kPrefix.size() + kSelectorChars + 1);
    if (separator != u"_" || !std::all_of(selector.begin(), selector.end(), isLowerHex) ||
        !std::all_of(verifier.begin(), verifier.end(), isBase64Url))
        return std::nullopt;
    return StreamKey(selector.toString(), verifier.toString());
}

QString StreamKey::text() const
{
    return kPrefix.toString() + m_selector + u'_' + m_verifier;
}

QString StreamKey::verifierHash() const
{
    return QString::fromLatin1(
        QCryptographicHash::hash(m_verifier.toLatin1(), QCryptographicHash::Sha256).toHex());
}

bool StreamKey::verifies(QStringView storedHash) const
{
    return constantTimeEquals(verifierHash().toLatin1(), storedHash.toLatin1());
}

} // namespace nova
