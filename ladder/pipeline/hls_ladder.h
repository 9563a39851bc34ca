#pragma once

#include "ladder/pipeline/master_playlist_file.h"
#include "ladder/pipeline/pace_watch.h"
#include "ladder/pipeline/picture_decoder.h"
#include "ladder/pipeline/rendition_encoder.h"
#include "ladder/pipeline/segment_writer.h"
#include "ladder/pipeline/source_input.h"
#include "ladder/pipeline/transcode_slots.h"
#include "ladder/plan/tier.h"

#include <QString>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace nova {

struct LadderSettings
{
    QString input;     // the stream as nginx-rtmp plays it: rtmp://127.0.0.1:1935/playback/ID
    QString directory; // the stream's HLS: DIR/index.m3u8, DIR/<variant>/...
    QList<Tier> tiers = defaultTiers();
    // How many streams of this machine get renditions at once (0: no limit), and the folder of
    // the machine's own where their ladders hold the slots.
    int transcodeSlots = 0;
    QString slotsDirectory;
    double segmentSeconds = 2;
    int playlistSegments = 6;
    // A rendition (or the decoding under them all) further behind real time than this is dropped,
    // so that the machine's cores go to what can keep up, and the source never waits. Also what
    // bounds the decoded pictures waiting for a rendition: 4 s of 1080p is 370 MiB.
    double maxSecondsBehind = 4;
    std::chrono::seconds readTimeout{10};
};

// The adaptive HLS of one live stream: the source copied into segments as it comes, the
// renditions the plan gives made below it on threads of their own, and the master playlist that
// offers them once each has a first segment.
class HlsLadder
{
public:
    using Log = std::function<void(const QString &)>;

    HlsLadder(LadderSettings settings, const std::atomic<bool> &stopping, Log log);
    ~HlsLadder();

    // Until the stream ends (true) or fails (false, `error`); returns soon after `stopping`.
    bool run(QString *error);

private:
    bool openSource(QString *error);
    void planVariants();
    bool waitsForRenditions() const;
    void tryToTranscode();
    void startRenditions();
    void giveUpRenditions();
    void deliver(MediaItem item); // on the decoder's thread
    void checkPace();
    void drop(std::size_t index, const QString &why);
    void dropAll(const QString &why);
    bool updateMaster(bool force, QString *error);
    void finish();

    LadderSettings m_settings;
    const std::atomic<bool> &m_stopping;
    Log m_log;
    SourceInput m_input;
    SegmentCuts m_cuts; // where the source's segments begin
    std::unique_ptr<SegmentWriter> m_source;
    QList<Variant> m_plan; // the source first
    TranscodeSlots m_slots;
    bool m_saidSlotsTaken = false;
    bool m_gaveUp = false; // the renditions could not keep up, or cannot be made
    std::unique_ptr<PictureDecoder> m_decoder;
    bool m_decoderNeedsKey = true;
    std::mutex m_renditionsMutex; // the decoder's thread delivers while this one may drop
    std::vector<std::unique_ptr<RenditionEncoder>> m_renditions;
    MasterPlaylistFile m_master;
    std::chrono::steady_clock::time_point m_started;
    bool m_masterFailing = false; // the last try to write it failed; tried again at the pace check
    std::chrono::steady_clock::time_point m_lastCheck;
    std::chrono::steady_clock::time_point m_lastSlotTry;
    PaceWatch m_decoderPace;
    PaceWatch m_renditionsPace; // the slowest rendition's
};

} // namespace nova
