#include "server/store/stream_page_cursor.h"

#include <QByteArray>

namespace nova {

namespace {
constexpr auto kBase64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
}

QString StreamPageCursor::encode() const
{
    const QByteArray raw =
        QByteArray::number(createdMicros) + '.' + id.toString(QUuid::WithoutBraces).toLatin1();
    return QString::fromLatin1(raw.toBase64(kBase64));
}

std::optional<StreamPageCursor> StreamPageCursor::decode(const QString &text)
{
    if (text.isEmpty() || text.size() > 128)
        return std::nullopt;
    const auto result = QByteArray::fromBase64Encoding(
        text.toLatin1(), kBase64 | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    const QByteArray &decoded = result.decoded;
    const qsizetype dot = decoded.indexOf('.');
    if (dot <= 0)
        return std::nullopt;
    bool ok = false;
    StreamPageCursor cursor;
    cursor.createdMicros = decoded.first(dot).toLongLong(&ok);
    cursor.id = QUuid::fromString(QLatin1StringView(decoded.sliced(dot + 1)));
    if (!ok || cursor.createdMicros < 0 || cursor.id.isNull())
        return std::nullopt;
    return cursor;
}

} // namespace nova
