#include "ladder/playlist/media_playlist.h"

#include "shared/qt_compat.h"
#include "shared/rfc3339.h"

#include <algorithm>
#include <cmath>

namespace nova {

MediaPlaylist::MediaPlaylist(int window, double targetSeconds)
    : m_window(std::max(1, window))
    , m_targetDuration(std::max(1, int(std::ceil(targetSeconds))))
{}

QList<MediaSegment> MediaPlaylist::append(MediaSegment segment)
{
    // EXT-X-TARGETDURATION bounds every segment's rounded duration: a key frame later than the
    // target makes a longer segment, and the target follows.
    m_targetDuration = std::max(m_targetDuration, int(std::lround(segment.seconds)));
    m_segments.push_back(std::move(segment));
    QList<MediaSegment> left;
    while (int(m_segments.size()) > m_window) {
        if (m_segments.front().discontinuity)
            ++m_discontinuitySequence;
        left.append(std::move(m_segments.front()));
        m_segments.pop_front();
        ++m_mediaSequence;
    }
    return left;
}

void MediaPlaylist::resumeAt(std::int64_t mediaSequence, std::int64_t discontinuitySequence)
{
    if (!m_segments.empty())
        return;
    m_mediaSequence = mediaSequence;
    m_discontinuitySequence = discontinuitySequence;
}

QByteArray MediaPlaylist::render() const
{
    QString text = QStringLiteral("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:%1\n"
                                  "#EXT-X-MEDIA-SEQUENCE:%2\n")
                       .arg(m_targetDuration)
                       .arg(m_mediaSequence);
    if (m_discontinuitySequence > 0)
        text += QStringLiteral("#EXT-X-DISCONTINUITY-SEQUENCE:%1\n").arg(m_discontinuitySequence);
    text += QStringLiteral("#EXT-X-INDEPENDENT-SEGMENTS\n");
    for (const MediaSegment &segment : m_segments) {
        if (segment.discontinuity)
            text += QStringLiteral("#EXT-X-DISCONTINUITY\n");
        if (segment.capturedAtMs) {
            text += QStringLiteral("#EXT-X-PROGRAM-DATE-TIME:%1\n")
                        .arg(toRfc3339(utcFromMSecsSinceEpoch(*segment.capturedAtMs)));
        }
        text +=
            QStringLiteral("#EXTINF:%1,\n%2\n").arg(segment.seconds, 0, 'f', 3).arg(segment.uri);
    }
    return text.toUtf8();
}

std::int64_t MediaPlaylist::peakBitsPerSecond() const
{
    std::int64_t peak = 0;
    for (const MediaSegment &segment : m_segments) {
        if (segment.seconds > 0)
            peak = std::max(peak, std::int64_t(double(segment.bytes) * 8.0 / segment.seconds));
    }
    return peak;
}

std::int64_t MediaPlaylist::averageBitsPerSecond() const
{
    double bytes = 0;
    double seconds = 0;
    for (const MediaSegment &segment : m_segments) {
        bytes += double(segment.bytes);
        seconds += segment.seconds;
    }
    return seconds > 0 ? std::int64_t(bytes * 8.0 / seconds) : 0;
}

} // namespace nova
