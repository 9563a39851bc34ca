#include "ladder/pipeline/hls_ladder.h"

#include "ladder/plan/ladder_plan.h"

#include <QSaveFile>

#include <algorithm>

namespace nova {

namespace {
using Clock = std::chrono::steady_clock;
constexpr auto kPaceCheck = std::chrono::seconds(1);
// A stream served as its source alone asks for a transcoding slot again this often.
constexpr auto kSlotRetry = std::chrono::seconds(5);

VariantStream streamOf(const QString &name, int width, int height, double frameRate,
                       const QString &codecs, const SegmentWriter::Stats &stats)
{
    VariantStream variant;
    variant.uri = name + QStringLiteral("/index.m3u8");
    variant.bandwidth = stats.peakBitsPerSecond;
    variant.averageBandwidth = stats.averageBitsPerSecond;
    variant.codecs = codecs;
    variant.width = width;
    variant.height = height;
    variant.frameRate = frameRate;
    return variant;
}
} // namespace

HlsLadder::HlsLadder(LadderSettings settings, const std::atomic<bool> &stopping, Log log)
    : m_settings(std::move(settings))
    , m_stopping(stopping)
    , m_log(std::move(log))
    , m_input(stopping)
    , m_slots(m_settings.slotsDirectory, m_settings.transcodeSlots)
    , m_master(m_settings.directory + QStringLiteral("/index.m3u8"))
    , m_decoderPace(m_settings.maxSecondsBehind)
    , m_renditionsPace(m_settings.maxSecondsBehind)
{}

HlsLadder::~HlsLadder()
{
    // Nothing may be delivered to the renditions while they go (run() has stopped all of this
    // already, unless it never got to start them).
    if (m_decoder)
        m_decoder->stop(false);
}

bool HlsLadder::openSource(QString *error)
{
    if (!m_input.open(m_settings.input, m_settings.readTimeout, error))
        return false;
    SegmentWriter::Input input;
    if (const AVStream *video = m_input.video()) {
        input.video = video->codecpar;
        input.videoTimeBase = video->time_base;
    }
    if (const AVStream *audio = m_input.audio()) {
        input.audio = audio->codecpar;
        input.audioTimeBase = audio->time_base;
    }
    input.lead = &m_cuts;
    m_source =
        std::make_unique<SegmentWriter>(m_settings.directory + QStringLiteral("/source"),
                                        m_settings.segmentSeconds, m_settings.playlistSegments);
    return m_source->open(input, error);
}

void HlsLadder::planVariants()
{
    const SourcePicture picture = m_input.picture();
    m_plan = m_input.video() ? planLadder(picture, m_settings.tiers) : QList<Variant>{};
    QStringList names{QStringLiteral("source")};
    for (qsizetype i = 1; i < m_plan.size(); ++i) {
        names.append(QStringLiteral("%1 %2x%3")
                         .arg(m_plan[i].name)
                         .arg(m_plan[i].width)
                         .arg(m_plan[i].height));
    }
    m_log(QStringLiteral("source %1x%2 at %3 kb/s: %4")
              .arg(picture.width)
              .arg(picture.height)
              .arg(picture.bitsPerSecond / 1000)
              .arg(names.join(QStringLiteral(", "))));
}

void HlsLadder::tryToTranscode()
{
    m_lastSlotTry = Clock::now();
    QString error;
    if (!m_slots.take(&error)) {
        if (!error.isEmpty())
            m_log(error + QStringLiteral(": the source alone"));
        else if (!std::exchange(m_saidSlotsTaken, true))
            m_log(QStringLiteral("all %1 transcoding slots of this machine are taken: the source "
                                 "alone until one is free")
                      .arg(m_slots.count()));
        m_gaveUp = !error.isEmpty();
        return;
    }
    if (m_slots.count() > 0)
        m_log(QStringLiteral("transcoding slot %1 of %2")
                  .arg(m_slots.slot() + 1)
                  .arg(m_slots.count()));
    startRenditions();
}

bool HlsLadder::waitsForRenditions() const
{
    return m_plan.size() > 1 && !m_decoder && !m_gaveUp;
}

void HlsLadder::startRenditions()
{
    const QList<Variant> &plan = m_plan;
    const AVStream *video = m_input.video();
    RenditionEncoder::Source source;
    source.timeBase = video->time_base;
    source.frameRate = m_input.frameRate();
    source.cuts = &m_cuts;
    if (const AVStream *audio = m_input.audio()) {
        source.audio = audio->codecpar;
        source.audioTimeBase = audio->time_base;
        source.audioCodec = m_input.soundCodec();
    }
    for (qsizetype i = 1; i < plan.size(); ++i) {
        auto rendition = std::make_unique<RenditionEncoder>(
            plan[i], m_settings.directory + u'/' + plan[i].name, m_settings.segmentSeconds,
            m_settings.playlistSegments, source);
        QString error;
        if (!rendition->start(&error)) {
            m_log(QStringLiteral("%1 not made: %2").arg(plan[i].name, error));
            continue;
        }
        m_renditions.push_back(std::move(rendition));
    }
    if (m_renditions.empty())
        return;
    m_decoder = std::make_unique<PictureDecoder>(
        video->codecpar, video->time_base, [this](MediaItem item) { deliver(std::move(item)); });
    m_decoderNeedsKey = true; // renditions may start mid-stream: at a key frame, then
    QString error;
    if (!m_decoder->start(&error)) {
        m_decoder.reset();
        dropAll(error);
    }
}

void HlsLadder::deliver(MediaItem item)
{
    std::lock_guard lock(m_renditionsMutex);
    for (const auto &rendition : m_renditions) {
        MediaItem copy;
        copy.audio = item.audio;
        copy.capturedAtMs = item.capturedAtMs;
        if (item.frame)
            copy.frame.reset(av_frame_clone(item.frame.get()));
        if (item.packet)
            copy.packet.reset(av_packet_clone(item.packet.get()));
        rendition->push(std::move(copy));
    }
}

bool HlsLadder::run(QString *error)
{
    m_started = Clock::now();
    m_lastCheck = m_started;
    if (!openSource(error))
        return false;
    planVariants();
    if (waitsForRenditions())
        tryToTranscode();

    AvPacketPtr packet(av_packet_alloc());
    QString readError;
    bool ok = true;
    while (m_input.read(packet.get(), &readError)) {
        const bool audio = m_input.audio() && packet->stream_index == m_input.audio()->index;
        const std::optional<std::int64_t> captured =
            audio ? std::nullopt : m_input.capturedAtMs(packet.get());
        if (m_decoder && m_decoderNeedsKey)
            m_decoderNeedsKey = audio || !(packet->flags & AV_PKT_FLAG_KEY);
        if (m_decoder && !m_decoderNeedsKey) {
            MediaItem item;
            item.packet.reset(av_packet_clone(packet.get()));
            item.audio = audio;
            item.capturedAtMs = captured;
            m_decoder->push(std::move(item));
        }
        const bool written = audio ? m_source->writeAudio(packet.get(), error)
                                   : m_source->writeVideo(packet.get(), captured, error);
        av_packet_unref(packet.get());
        if (!written) {
            ok = false;
            break;
        }
        // Until players can start, the master playlist is written the moment it can be.
        if (!m_master.written() && !m_masterFailing) {
            QString masterError;
            m_masterFailing = !updateMaster(false, &masterError);
            if (m_masterFailing)
                m_log(masterError); // once a pace check, not once a packet
        }
        if (Clock::now() - m_lastCheck >= kPaceCheck) {
            m_lastCheck = Clock::now();
            m_masterFailing = false;
            checkPace();
            if (waitsForRenditions() && Clock::now() - m_lastSlotTry >= kSlotRetry)
                tryToTranscode();
            QString masterError;
            if (!updateMaster(false, &masterError))
                m_log(masterError);
        }
    }
    if (ok && !readError.isEmpty() && !m_stopping) {
        *error = readError;
        ok = false;
    }
    finish();
    return ok;
}

void HlsLadder::checkPace()
{
    if (m_decoder) {
        const double behind = m_decoder->secondsBehind();
        const QString failure = m_decoder->failure();
        if (m_decoderPace.fallingBehind(behind) || !failure.isEmpty()) {
            dropAll(
                failure.isEmpty()
                    ? QStringLiteral("decoding runs %1 s behind real time").arg(behind, 0, 'f', 1)
                    : failure);
            giveUpRenditions();
            return;
        }
    }
    for (std::size_t i = 0; i < m_renditions.size(); ++i) {
        const QString failure = m_renditions[i]->failure();
        if (!failure.isEmpty()) {
            drop(i, failure);
            return;
        }
    }
    double behind = 0;
    for (const auto &rendition : m_renditions)
        behind = std::max(behind, rendition->secondsBehind());
    // The tallest, the dearest, goes first: the others then share what it used.
    if (!m_renditions.empty() && m_renditionsPace.fallingBehind(behind))
        drop(0, QStringLiteral("the renditions run %1 s behind real time").arg(behind, 0, 'f', 1));
    if (m_decoder && m_renditions.empty())
        giveUpRenditions();
}

void HlsLadder::drop(std::size_t index, const QString &why)
{
    std::unique_ptr<RenditionEncoder> dropped;
    {
        std::lock_guard lock(m_renditionsMutex);
        dropped = std::move(m_renditions[index]);
        m_renditions.erase(m_renditions.begin() + std::ptrdiff_t(index));
    }
    dropped->stop(false);
    m_log(QStringLiteral("%1 dropped: %2").arg(dropped->variant().name, why));
    // Beside its segments, for the server's probe, which counts drops and says so in its log.
    QSaveFile marker(m_settings.directory + u'/' + dropped->variant().name +
                     QStringLiteral("/dropped"));
    if (!marker.open(QIODevice::WriteOnly) || marker.write(why.toUtf8() + '\n') < 0 ||
        !marker.commit()) {
        m_log(QStringLiteral("cannot write %1: %2").arg(marker.fileName(), marker.errorString()));
    }
    QString error;
    if (!updateMaster(true, &error))
        m_log(error);
}

void HlsLadder::giveUpRenditions()
{
    // This machine could not keep up with them: their slot goes to a stream that may fare better,
    // and this one stays with its source.
    if (m_decoder) {
        m_decoder->stop(false);
        m_decoder.reset();
    }
    m_gaveUp = true;
    m_slots.release();
}

void HlsLadder::dropAll(const QString &why)
{
    while (!m_renditions.empty())
        drop(0, why);
}

bool HlsLadder::updateMaster(bool force, QString *error)
{
    const SourcePicture picture = m_input.picture();
    const AVRational rate = m_input.frameRate();
    const double frameRate = rate.den > 0 ? av_q2d(rate) : 0;
    const SegmentWriter::Stats sourceStats = m_source->stats();
    if (sourceStats.segments == 0)
        return true; // nothing to play yet
    QList<VariantStream> variants{streamOf(QStringLiteral("source"), picture.width, picture.height,
                                           frameRate, m_input.codecs(), sourceStats)};
    bool allReady = true;
    {
        std::lock_guard lock(m_renditionsMutex);
        for (const auto &rendition : m_renditions) {
            const SegmentWriter::Stats stats = rendition->stats();
            if (stats.segments == 0) {
                allReady = false;
                continue;
            }
            const Variant &variant = rendition->variant();
            variants.append(streamOf(variant.name, variant.width, variant.height, frameRate,
                                     rendition->codecs(), stats));
        }
    }
    // Players read the master playlist once: wait until every variant has a first segment, or
    // until one is clearly late, so that a late one does not keep the stream from playing.
    const auto waited = Clock::now() - m_started;
    const auto patience = std::chrono::duration<double>(m_settings.segmentSeconds * 3 + 4);
    if (!allReady && !force && !m_master.written() && waited < patience)
        return true;
    return m_master.update(variants, error);
}

void HlsLadder::finish()
{
    const bool drain = !m_stopping;
    if (m_decoder)
        m_decoder->stop(drain);
    {
        std::lock_guard lock(m_renditionsMutex);
        for (const auto &rendition : m_renditions)
            rendition->stop(drain);
    }
    QString error;
    if (!m_source->finish(&error))
        m_log(error);
    if (!updateMaster(true, &error))
        m_log(error);
}

} // namespace nova
