#include "ladder/pipeline/segment_writer.h"

#include "shared/ffmpeg/ffmpeg_error.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>

extern "C" {
#include <libavutil/opt.h>
}

namespace nova {

namespace {
// A segment that left the window stays this many segments more: a player that loaded the
// playlist just before may still ask for it.
constexpr int kKeepAfterWindow = 2;
// A key frame this close to the target counts as on time (timestamps are in milliseconds).
constexpr double kCutTolerance = 0.05;
// The first segment of a run is cut at the first key frame this far in, however long the target:
// players start once every variant has one, and a viewer waits for it.
constexpr double kFirstSegmentSeconds = 1.0;

bool fail(QString *error, const QString &what, int code)
{
    *error = what + QStringLiteral(": ") + ffmpegErrorText(code);
    return false;
}
} // namespace

SegmentWriter::SegmentWriter(QString directory, double targetSeconds, int window)
    : m_directory(std::move(directory))
    , m_targetSeconds(targetSeconds)
    , m_playlist(window, targetSeconds)
{}

SegmentWriter::~SegmentWriter()
{
    if (m_muxer) {
        avio_closep(&m_muxer->pb);
        avformat_free_context(m_muxer);
    }
    av_bsf_free(&m_annexB);
    av_packet_free(&m_filtered);
}

bool SegmentWriter::open(const Input &input, QString *error)
{
    m_input = input;
    if (!QDir().mkpath(m_directory)) {
        *error = QStringLiteral("cannot make %1").arg(m_directory);
        return false;
    }
    resumeAfterEarlierRun();

    int code = avformat_alloc_output_context2(&m_muxer, nullptr, "mpegts", nullptr);
    if (code < 0)
        return fail(error, QStringLiteral("no MPEG-TS muxer"), code);
    if (input.video) {
        AVStream *video = avformat_new_stream(m_muxer, nullptr);
        m_videoStream = video->index;
        const bool lengthPrefixed = input.video->codec_id == AV_CODEC_ID_H264 &&
                                    input.video->extradata_size > 0 &&
                                    input.video->extradata[0] == 1;
        if (lengthPrefixed) {
            const AVBitStreamFilter *filter = av_bsf_get_by_name("h264_mp4toannexb");
            if (!filter || (code = av_bsf_alloc(filter, &m_annexB)) < 0)
                return fail(error, QStringLiteral("no h264_mp4toannexb filter"), code);
            avcodec_parameters_copy(m_annexB->par_in, input.video);
            m_annexB->time_base_in = input.videoTimeBase;
            if ((code = av_bsf_init(m_annexB)) < 0)
                return fail(error, QStringLiteral("h264_mp4toannexb"), code);
            avcodec_parameters_copy(video->codecpar, m_annexB->par_out);
            m_filtered = av_packet_alloc();
        } else {
            avcodec_parameters_copy(video->codecpar, input.video);
        }
        video->codecpar->codec_tag = 0;
        video->time_base = input.videoTimeBase;
    }
    if (input.audio) {
        AVStream *audio = avformat_new_stream(m_muxer, nullptr);
        m_audioStream = audio->index;
        avcodec_parameters_copy(audio->codecpar, input.audio);
        audio->codecpar->codec_tag = 0;
        audio->time_base = input.audioTimeBase;
    }
    if (m_videoStream < 0 && m_audioStream < 0) {
        *error = QStringLiteral("nothing to write: no picture and no sound");
        return false;
    }
    return true;
}

void SegmentWriter::resumeAfterEarlierRun()
{
    // An earlier run's segments stay listed in its playlist until this one has its first: number
    // on from them, and tell players the stream was cut in between.
    static const QRegularExpression kSegment(QStringLiteral("^seg_(\\d{6,})\\.ts$"));
    const QDir dir(m_directory);
    std::int64_t newest = -1;
    for (const QString &name : dir.entryList({QStringLiteral("seg_*.ts")}, QDir::Files)) {
        const QRegularExpressionMatch match = kSegment.match(name);
        if (match.hasMatch())
            newest = std::max<std::int64_t>(newest, match.captured(1).toLongLong());
    }
    if (newest < 0)
        return;
    m_number = newest + 1;
    m_discontinuityNext = true;
    // The discontinuity sequence goes on from the earlier playlist's: its own, plus the
    // discontinuities it still listed, which the new window no longer holds.
    std::int64_t discontinuities = 0;
    QFile earlier(dir.filePath(QStringLiteral("index.m3u8")));
    if (earlier.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : earlier.readAll().split('\n')) {
            static const QByteArray kSequence = "#EXT-X-DISCONTINUITY-SEQUENCE:";
            if (line.startsWith(kSequence))
                discontinuities += line.mid(kSequence.size()).trimmed().toLongLong();
            else if (line.trimmed() == "#EXT-X-DISCONTINUITY")
                ++discontinuities;
        }
    }
    m_resumedDiscontinuities = discontinuities;
    m_playlist.resumeAt(m_number, discontinuities);
}

QString SegmentWriter::segmentPath(std::int64_t number) const
{
    return QStringLiteral("%1/seg_%2.ts").arg(m_directory).arg(number, 6, 10, QLatin1Char('0'));
}

bool SegmentWriter::longEnough(std::int64_t pts, AVRational base) const
{
    const double target =
        m_stats.segments == 0 ? std::min(m_targetSeconds, kFirstSegmentSeconds) : m_targetSeconds;
    return double(pts - m_segmentStartPts) * av_q2d(base) >= target - kCutTolerance;
}

bool SegmentWriter::startSegment(std::int64_t pts, std::optional<std::int64_t> capturedAtMs,
                                 QString *error)
{
    const QByteArray path = segmentPath(m_number).toUtf8();
    const int code = avio_open(&m_muxer->pb, path.constData(), AVIO_FLAG_WRITE);
    if (code < 0)
        return fail(error, QStringLiteral("cannot write %1").arg(QString::fromUtf8(path)), code);
    if (!m_headerWritten) {
        const int written = avformat_write_header(m_muxer, nullptr);
        if (written < 0)
            return fail(error, QStringLiteral("MPEG-TS header"), written);
        m_headerWritten = true;
    } else {
        // Each segment starts with the tables a player needs to read it alone.
        av_opt_set(m_muxer->priv_data, "mpegts_flags", "resend_headers", 0);
    }
    m_segmentOpen = true;
    m_segmentStartPts = pts;
    m_segmentCapturedAtMs = capturedAtMs;
    return true;
}

bool SegmentWriter::endSegment(std::int64_t endPts, QString *error)
{
    const AVRational base = m_videoStream >= 0 ? m_input.videoTimeBase : m_input.audioTimeBase;
    av_write_frame(m_muxer, nullptr); // flush what the muxer holds into this segment
    avio_flush(m_muxer->pb);
    const std::int64_t bytes = avio_tell(m_muxer->pb);
    const int code = avio_closep(&m_muxer->pb);
    m_segmentOpen = false;
    if (code < 0)
        return fail(error, QStringLiteral("cannot finish segment %1").arg(m_number), code);

    MediaSegment segment;
    segment.uri = QStringLiteral("seg_%1.ts").arg(m_number, 6, 10, QLatin1Char('0'));
    segment.seconds = std::max(0.0, double(endPts - m_segmentStartPts) * av_q2d(base));
    segment.bytes = bytes;
    segment.capturedAtMs = m_segmentCapturedAtMs;
    segment.discontinuity = m_discontinuityNext;
    m_discontinuityNext = false;
    retire(m_playlist.append(segment));
    ++m_number;

    QSaveFile playlist(m_directory + QStringLiteral("/index.m3u8"));
    if (!playlist.open(QIODevice::WriteOnly) || playlist.write(m_playlist.render()) < 0 ||
        !playlist.commit()) {
        *error =
            QStringLiteral("cannot write %1: %2").arg(playlist.fileName(), playlist.errorString());
        return false;
    }
    std::lock_guard lock(m_statsMutex);
    ++m_stats.segments;
    m_stats.peakBitsPerSecond = m_playlist.peakBitsPerSecond();
    m_stats.averageBitsPerSecond = m_playlist.averageBitsPerSecond();
    return true;
}

void SegmentWriter::retire(const QList<MediaSegment> &left)
{
    for (const MediaSegment &segment : left)
        m_retired.emplace_back(0, m_directory + u'/' + segment.uri);
    for (auto &[age, path] : m_retired)
        ++age;
    while (!m_retired.empty() && m_retired.front().first > kKeepAfterWindow) {
        QFile::remove(m_retired.front().second);
        m_retired.pop_front();
    }
}

bool SegmentWriter::writeVideo(AVPacket *packet, std::optional<std::int64_t> capturedAtMs,
                               QString *error)
{
    if (m_videoStream < 0)
        return true;
    if (packet->pts == AV_NOPTS_VALUE)
        packet->pts = packet->dts;
    const bool key = packet->flags & AV_PKT_FLAG_KEY;
    if (!m_segmentOpen && !key)
        return true; // a segment starts with a key frame: wait for one
    if (key && packet->pts != AV_NOPTS_VALUE) {
        bool cut = false;
        std::optional<std::int64_t> sourceNumber;
        if (m_input.follow) {
            sourceNumber = m_input.follow->numberAt(packet->pts);
            cut = sourceNumber.has_value();
        } else {
            cut = !m_segmentOpen || longEnough(packet->pts, m_input.videoTimeBase);
        }
        if (!cut && !m_segmentOpen)
            return true; // a rendition waits for a picture where the source begins a segment
        if (cut && m_segmentOpen && !endSegment(packet->pts, error))
            return false;
        if (cut) {
            if (sourceNumber) {
                if (m_stats.segments == 0 && !m_segmentOpen)
                    m_playlist.resumeAt(*sourceNumber, m_resumedDiscontinuities);
                m_number = *sourceNumber;
            }
            if (m_input.lead)
                m_input.lead->add(packet->pts, m_number);
            if (!startSegment(packet->pts, capturedAtMs, error))
                return false;
        }
    }
    m_lastPts = packet->pts;
    if (!m_annexB)
        return write(packet, m_videoStream, error);
    int code = av_bsf_send_packet(m_annexB, packet);
    if (code < 0)
        return fail(error, QStringLiteral("h264_mp4toannexb"), code);
    while ((code = av_bsf_receive_packet(m_annexB, m_filtered)) == 0) {
        if (!write(m_filtered, m_videoStream, error))
            return false;
    }
    return code == AVERROR(EAGAIN) || code == AVERROR_EOF
               ? true
               : fail(error, QStringLiteral("h264_mp4toannexb"), code);
}

bool SegmentWriter::writeAudio(AVPacket *packet, QString *error)
{
    if (m_audioStream < 0)
        return true;
    if (m_videoStream < 0) {
        // Sound alone: cut by time at any packet.
        const std::int64_t pts = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
        if (m_segmentOpen && pts != AV_NOPTS_VALUE && longEnough(pts, m_input.audioTimeBase) &&
            !endSegment(pts, error)) {
            return false;
        }
        if (!m_segmentOpen && !startSegment(pts, std::nullopt, error))
            return false;
        m_lastPts = pts;
    } else if (!m_segmentOpen) {
        return true; // sound before the first key frame has no segment to go in
    }
    return write(packet, m_audioStream, error);
}

bool SegmentWriter::write(AVPacket *packet, int stream, QString *error)
{
    const AVRational from = stream == m_videoStream ? m_input.videoTimeBase : m_input.audioTimeBase;
    packet->stream_index = stream;
    av_packet_rescale_ts(packet, from, m_muxer->streams[stream]->time_base);
    const int code = av_write_frame(m_muxer, packet);
    av_packet_unref(packet);
    return code >= 0 ? true : fail(error, QStringLiteral("cannot write a packet"), code);
}

bool SegmentWriter::finish(QString *error)
{
    if (!m_segmentOpen)
        return true;
    // The last segment ends with its last packet: one frame's length past it is not known here.
    // No trailer: MPEG-TS has none, and endSegment has flushed what the muxer held.
    return endSegment(m_lastPts, error);
}

SegmentWriter::Stats SegmentWriter::stats() const
{
    std::lock_guard lock(m_statsMutex);
    return m_stats;
}

} // namespace nova
