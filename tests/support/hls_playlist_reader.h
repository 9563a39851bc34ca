#pragma once

#include <QByteArrayView>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace nova::test {

// A reader of HLS playlists (RFC 8216) as a player reads them, strict where players are: every
// attribute list parsed by the grammar of section 4.2, every tag checked for its value. Tests
// read what the ladder writes with it.

// An attribute list: NAME=value pairs, values unquoted (quoted strings keep their commas).
std::optional<QHash<QString, QString>> readAttributes(QStringView list, QString *error);

struct HlsVariantEntry
{
    QHash<QString, QString> attributes;
    QString uri;
};

struct HlsMaster
{
    int version = 1;
    bool independentSegments = false;
    QList<HlsVariantEntry> variants;
};
std::optional<HlsMaster> readMasterPlaylist(QByteArrayView text, QString *error);

struct HlsSegmentEntry
{
    double seconds = 0;
    QString uri;
    QDateTime programDateTime; // invalid when the segment has none
    bool discontinuity = false;
};

struct HlsMedia
{
    int version = 1;
    int targetDuration = 0;
    qint64 mediaSequence = 0;
    qint64 discontinuitySequence = 0;
    bool independentSegments = false;
    bool ended = false;
    QList<HlsSegmentEntry> segments;
};
std::optional<HlsMedia> readMediaPlaylist(QByteArrayView text, QString *error);

} // namespace nova::test
