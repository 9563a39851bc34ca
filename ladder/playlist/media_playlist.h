#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>
#include <deque>
#include <optional>

namespace nova {

// One finished segment of a variant.
struct MediaSegment
{
    QString uri; // relative to the media playlist: "seg_000042.ts"
    double seconds = 0;
    std::int64_t bytes = 0;
    // When its first picture was captured (the broadcaster's clock, from the stream's SEI), in
    // milliseconds since the epoch; written as EXT-X-PROGRAM-DATE-TIME so players can tell how
    // far behind live they are.
    std::optional<std::int64_t> capturedAtMs;
    bool discontinuity = false; // the stream resumed after its publisher came back
};

// A live media playlist (RFC 8216 4.3.3) over a sliding window of segments.
class MediaPlaylist
{
public:
    MediaPlaylist(int window, double targetSeconds);

    // Adds a finished segment; returns those that left the window (they may still be read for a
    // while by players that loaded the playlist just before).
    QList<MediaSegment> append(MediaSegment segment);
    // Goes on from an earlier playlist of the same variant: its next segment is `mediaSequence`,
    // after `discontinuitySequence` discontinuities. Only before the first append.
    void resumeAt(std::int64_t mediaSequence, std::int64_t discontinuitySequence);

    QByteArray render() const;
    std::int64_t mediaSequence() const { return m_mediaSequence; }
    int size() const { return int(m_segments.size()); }

    // What the window's segments carry, for the master playlist's BANDWIDTH (peak) and
    // AVERAGE-BANDWIDTH; 0 while there are none.
    std::int64_t peakBitsPerSecond() const;
    std::int64_t averageBitsPerSecond() const;

private:
    int m_window;
    int m_targetDuration;
    std::int64_t m_mediaSequence = 0;
    std::int64_t m_discontinuitySequence = 0;
    std::deque<MediaSegment> m_segments;
};

} // namespace nova
