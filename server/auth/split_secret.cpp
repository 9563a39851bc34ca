#include "server/auth/split_secret.h"

#include "shared/constant_time.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <algorithm>

namespace nova {

namespace {
constexpr qsizetype kSelectorChars = 16;
constexpr qsizetype kVerifierChars = 43; // 32 bytes, base64url without padding

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

SplitSecret::SplitSecret(QString prefix, QString selector, QString verifier)
    : m_prefix(std::move(prefix))
    , m_selector(std::move(selector))
    , m_verifier(std::move(verifier))
{}

SplitSecret SplitSecret::generate(QStringView prefix)
{
    const QString selector = QString::fromLatin1(randomBytes(8).toHex());
    const QString verifier = QString::fromLatin1(
        randomBytes(32).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    return SplitSecret(prefix.toString(), selector, verifier);
}

std::optional<SplitSecret> SplitSecret::parse(QStringView prefix, QStringView text)
{
    if (text.size() != prefix.size() + kSelectorChars + 1 + kVerifierChars ||
        !text.startsWith(prefix))
        return std::nullopt;
    const QStringView selector = text.sliced(prefix.size(), kSelectorChars);
    const QStringView separator = text.sliced(prefix.size() + kSelectorChars, 1);
    const QStringView verifier = text.sliced(prefix.size() + kSelectorChars + 1);
    if (separator != u"_" || !std::all_of(selector.begin(), selector.end(), isLowerHex) ||
        !std::all_of(verifier.begin(), verifier.end(), isBase64Url))
        return std::nullopt;
    return SplitSecret(prefix.toString(), selector.toString(), verifier.toString());
}

QString SplitSecret::text() const
{
    return m_prefix + m_selector + u'_' + m_verifier;
}

QString SplitSecret::verifierHash() const
{
    return QString::fromLatin1(
        QCryptographicHash::hash(m_verifier.toLatin1(), QCryptographicHash::Sha256).toHex());
}

bool SplitSecret::verifies(QStringView storedHash) const
{
    return constantTimeEquals(verifierHash().toLatin1(), storedHash.toLatin1());
}

} // namespace nova
