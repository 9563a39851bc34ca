#pragma once

#include "ladder/pipeline/segment_cuts.h"
#include "ladder/playlist/media_playlist.h"

#include <QString>

extern "C" {
#include <libavcodec/bsf.h>
#include <libavformat/avformat.h>
}

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

namespace nova {

// One variant's HLS on disk: MPEG-TS segments cut at key frames once a segment is long enough,
// each starting with one (so that players can switch variants at any segment), and the variant's
// live media playlist. Segments are numbered by their media sequence, so a ladder that restarts
// in the same directory goes on where the last one stopped, after a discontinuity.
class SegmentWriter
{
public:
    struct Input
    {
        const AVCodecParameters *video = nullptr; // null: audio alone, cut by time
        AVRational videoTimeBase{1, 1000};
        const AVCodecParameters *audio = nullptr; // null: no sound
        AVRational audioTimeBase{1, 1000};
        // The source's writer records where it cuts (`lead`); a rendition's cuts only there
        // (`follow`), so that every variant's segments begin at the same pictures.
        SegmentCuts *lead = nullptr;
        const SegmentCuts *follow = nullptr;
    };
    struct Stats
    {
        int segments = 0; // written since this writer opened
        std::int64_t peakBitsPerSecond = 0;
        std::int64_t averageBitsPerSecond = 0;
    };

    SegmentWriter(QString directory, double targetSeconds, int window);
    ~SegmentWriter();
    SegmentWriter(const SegmentWriter &) = delete;
    SegmentWriter &operator=(const SegmentWriter &) = delete;

    bool open(const Input &input, QString *error);
    // Timestamps in the input's time bases. `capturedAtMs`: the broadcaster's clock for a video
    // packet, from its SEI, if it carries one.
    bool writeVideo(AVPacket *packet, std::optional<std::int64_t> capturedAtMs, QString *error);
    bool writeAudio(AVPacket *packet, QString *error);
    // Ends the segment being written (it joins the playlist) and closes the files.
    bool finish(QString *error);

    Stats stats() const;

private:
    bool write(AVPacket *packet, int stream, QString *error);
    // Opens segment m_number, beginning at `pts` (in the cutting stream's time base).
    bool startSegment(std::int64_t pts, std::optional<std::int64_t> capturedAtMs, QString *error);
    // The open segment has reached the target length by `pts`.
    bool longEnough(std::int64_t pts, AVRational base) const;
    bool endSegment(std::int64_t endPts, QString *error);
    void resumeAfterEarlierRun();
    void retire(const QList<MediaSegment> &left);
    QString segmentPath(std::int64_t number) const;

    QString m_directory;
    double m_targetSeconds;
    MediaPlaylist m_playlist;
    AVFormatContext *m_muxer = nullptr;
    AVBSFContext *m_annexB = nullptr; // FLV's length-prefixed H.264 to the start codes TS needs
    AVPacket *m_filtered = nullptr;
    Input m_input;
    int m_videoStream = -1;
    int m_audioStream = -1;
    bool m_headerWritten = false;

    std::int64_t m_number = 0; // of the segment being written
    bool m_segmentOpen = false;
    std::int64_t m_segmentStartPts = AV_NOPTS_VALUE; // in the cutting stream's time base
    std::optional<std::int64_t> m_segmentCapturedAtMs;
    bool m_discontinuityNext = false;
    std::int64_t m_resumedDiscontinuities = 0; // an earlier run's, carried on
    std::int64_t m_lastPts = AV_NOPTS_VALUE;
    std::deque<std::pair<int, QString>> m_retired; // files out of the window, and since when

    mutable std::mutex m_statsMutex; // the ladder reads them from another thread
    Stats m_stats;
};

} // namespace nova
