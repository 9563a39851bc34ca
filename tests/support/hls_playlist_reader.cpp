#include "tests/support/hls_playlist_reader.h"

#include "shared/rfc3339.h"

#include <QRegularExpression>

#include <cmath>

namespace nova::test {

namespace {
bool fail(QString *error, const QString &why)
{
    *error = why;
    return false;
}

// The playlist's lines, without their line ends; nullopt unless it starts as RFC 8216 asks.
std::optional<QStringList> playlistLines(QByteArrayView text, QString *error)
{
    QStringList lines = QString::fromUtf8(text).split(u'\n');
    for (QString &line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
    }
    if (lines.first() != QStringLiteral("#EXTM3U")) {
        fail(error, QStringLiteral("no #EXTM3U first"));
        return std::nullopt;
    }
    return lines;
}

bool readInteger(QStringView value, qint64 *out)
{
    static const QRegularExpression kDecimal(QStringLiteral("^[0-9]{1,20}$"));
    if (!kDecimal.match(value.toString()).hasMatch())
        return false;
    bool ok = false;
    *out = value.toLongLong(&ok);
    return ok;
}

// The whole number after `tag` at the start of `line`.
bool readIntegerTag(const QString &line, QStringView tag, qint64 *out, QString *error)
{
    if (!readInteger(QStringView(line).mid(tag.size()), out))
        return fail(error, QStringLiteral("bad %1").arg(line));
    return true;
}

} // namespace

std::optional<QHash<QString, QString>> readAttributes(QStringView list, QString *error)
{
    static const QRegularExpression kName(QStringLiteral("^[A-Z0-9-]+$"));
    QHash<QString, QString> attributes;
    qsizetype at = 0;
    while (at < list.size()) {
        const qsizetype equals = list.indexOf(u'=', at);
        if (equals < 0) {
            fail(error, QStringLiteral("attribute without a value at '%1'").arg(list.mid(at)));
            return std::nullopt;
        }
        const QString name = list.mid(at, equals - at).toString();
        if (!kName.match(name).hasMatch()) {
            fail(error, QStringLiteral("bad attribute name '%1'").arg(name));
            return std::nullopt;
        }
        if (attributes.contains(name)) {
            fail(error, QStringLiteral("attribute %1 given twice").arg(name));
            return std::nullopt;
        }
        at = equals + 1;
        QString value;
        if (at < list.size() && list[at] == u'"') {
            const qsizetype close = list.indexOf(u'"', at + 1);
            if (close < 0) {
                fail(error, QStringLiteral("unterminated quoted string in %1").arg(name));
                return std::nullopt;
            }
            value = list.mid(at + 1, close - at - 1).toString();
            at = close + 1;
        } else {
            const qsizetype comma = list.indexOf(u',', at);
            const qsizetype end = comma < 0 ? list.size() : comma;
            value = list.mid(at, end - at).toString();
            at = end;
            if (value.isEmpty()) {
                fail(error, QStringLiteral("attribute %1 is empty").arg(name));
                return std::nullopt;
            }
        }
        attributes.insert(name, value);
        if (at < list.size()) {
            if (list[at] != u',') {
                fail(error, QStringLiteral("expected ',' after %1").arg(name));
                return std::nullopt;
            }
            ++at;
            if (at == list.size()) {
                fail(error, QStringLiteral("trailing ',' after %1").arg(name));
                return std::nullopt;
            }
        }
    }
    return attributes;
}

std::optional<HlsMaster> readMasterPlaylist(QByteArrayView text, QString *error)
{
    const std::optional<QStringList> lines = playlistLines(text, error);
    if (!lines)
        return std::nullopt;
    HlsMaster master;
    std::optional<QHash<QString, QString>> pending;
    for (qsizetype i = 1; i < lines->size(); ++i) {
        const QString &line = (*lines)[i];
        if (line.isEmpty())
            continue;
        if (line.startsWith(QStringLiteral("#EXT-X-VERSION:"))) {
            qint64 version = 0;
            if (!readIntegerTag(line, u"#EXT-X-VERSION:", &version, error))
                return std::nullopt;
            master.version = int(version);
        } else if (line == QStringLiteral("#EXT-X-INDEPENDENT-SEGMENTS")) {
            master.independentSegments = true;
        } else if (line.startsWith(QStringLiteral("#EXT-X-STREAM-INF:"))) {
            pending = readAttributes(QStringView(line).mid(18), error);
            if (!pending)
                return std::nullopt;
            if (!pending->contains(QStringLiteral("BANDWIDTH"))) {
                fail(error, QStringLiteral("EXT-X-STREAM-INF without BANDWIDTH"));
                return std::nullopt;
            }
        } else if (line.startsWith(u'#')) {
            if (line.startsWith(QStringLiteral("#EXTINF"))) {
                fail(error, QStringLiteral("a media tag in a master playlist"));
                return std::nullopt;
            }
        } else {
            if (!pending) {
                fail(error, QStringLiteral("URI '%1' without EXT-X-STREAM-INF").arg(line));
                return std::nullopt;
            }
            master.variants.append({*pending, line});
            pending.reset();
        }
    }
    if (pending) {
        fail(error, QStringLiteral("EXT-X-STREAM-INF without its URI"));
        return std::nullopt;
    }
    return master;
}

std::optional<HlsMedia> readMediaPlaylist(QByteArrayView text, QString *error)
{
    const std::optional<QStringList> lines = playlistLines(text, error);
    if (!lines)
        return std::nullopt;
    static const QRegularExpression kExtinf(QStringLiteral("^#EXTINF:([0-9]+(?:\\.[0-9]+)?),"));
    HlsMedia media;
    HlsSegmentEntry next;
    bool haveExtinf = false;
    bool haveTarget = false;
    for (qsizetype i = 1; i < lines->size(); ++i) {
        const QString &line = (*lines)[i];
        if (line.isEmpty())
            continue;
        qint64 value = 0;
        if (line.startsWith(QStringLiteral("#EXT-X-VERSION:"))) {
            if (!readIntegerTag(line, u"#EXT-X-VERSION:", &value, error))
                return std::nullopt;
            media.version = int(value);
        } else if (line.startsWith(QStringLiteral("#EXT-X-TARGETDURATION:"))) {
            if (!readIntegerTag(line, u"#EXT-X-TARGETDURATION:", &value, error))
                return std::nullopt;
            media.targetDuration = int(value);
            haveTarget = true;
        } else if (line.startsWith(QStringLiteral("#EXT-X-MEDIA-SEQUENCE:"))) {
            if (!readIntegerTag(line, u"#EXT-X-MEDIA-SEQUENCE:", &media.mediaSequence, error))
                return std::nullopt;
        } else if (line.startsWith(QStringLiteral("#EXT-X-DISCONTINUITY-SEQUENCE:"))) {
            if (!readIntegerTag(line, u"#EXT-X-DISCONTINUITY-SEQUENCE:",
                                &media.discontinuitySequence, error))
                return std::nullopt;
        } else if (line == QStringLiteral("#EXT-X-INDEPENDENT-SEGMENTS")) {
            media.independentSegments = true;
        } else if (line == QStringLiteral("#EXT-X-ENDLIST")) {
            media.ended = true;
        } else if (line == QStringLiteral("#EXT-X-DISCONTINUITY")) {
            next.discontinuity = true;
        } else if (line.startsWith(QStringLiteral("#EXT-X-PROGRAM-DATE-TIME:"))) {
            next.programDateTime = fromRfc3339(QStringView(line).mid(25));
            if (!next.programDateTime.isValid()) {
                fail(error, QStringLiteral("bad %1").arg(line));
                return std::nullopt;
            }
        } else if (line.startsWith(QStringLiteral("#EXTINF:"))) {
            const QRegularExpressionMatch match = kExtinf.match(line);
            if (!match.hasMatch()) {
                fail(error, QStringLiteral("bad %1").arg(line));
                return std::nullopt;
            }
            next.seconds = match.captured(1).toDouble();
            haveExtinf = true;
        } else if (line.startsWith(QStringLiteral("#EXT-X-STREAM-INF"))) {
            fail(error, QStringLiteral("a master tag in a media playlist"));
            return std::nullopt;
        } else if (!line.startsWith(u'#')) {
            if (!haveExtinf) {
                fail(error, QStringLiteral("segment '%1' without EXTINF").arg(line));
                return std::nullopt;
            }
            if (!haveTarget || std::lround(next.seconds) > media.targetDuration) {
                fail(error, QStringLiteral("segment '%1' (%2 s) longer than the target duration")
                                .arg(line)
                                .arg(next.seconds));
                return std::nullopt;
            }
            next.uri = line;
            media.segments.append(next);
            next = {};
            haveExtinf = false;
        }
    }
    if (!haveTarget) {
        fail(error, QStringLiteral("no EXT-X-TARGETDURATION"));
        return std::nullopt;
    }
    return media;
}

} // namespace nova::test
