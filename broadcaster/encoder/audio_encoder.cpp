#include "broadcaster/encoder/audio_encoder.h"

#include "broadcaster/encoder/encoder_output.h"
#include "broadcaster/media/media_error.h"

namespace nova {

AudioEncoder::AudioEncoder(const AudioFormat &format, int bitrateKbps)
    : m_frame(av_frame_alloc())
    , m_packet(av_packet_alloc())
{
    const AVCodec *codec = avcodec_find_encoder(AV_CODEC_ID_AAC);
    if (!codec)
        throw MediaError(MediaError::Kind::Encoder,
                         QStringLiteral("this FFmpeg has no AAC encoder"));
    m_context.reset(avcodec_alloc_context3(codec));
    AVCodecContext *c = m_context.get();
    c->sample_fmt = AV_SAMPLE_FMT_FLTP;
    c->sample_rate = format.sampleRate;
    av_channel_layout_default(&c->ch_layout, format.channels);
    c->bit_rate = qint64(bitrateKbps) * 1000;
    c->time_base = {1, format.sampleRate};
    c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (const int error = avcodec_open2(c, codec, nullptr); error < 0)
        throw encoderError(QStringLiteral("cannot open the AAC encoder"), error);

    m_frame->format = c->sample_fmt;
    m_frame->sample_rate = c->sample_rate;
    m_frame->nb_samples = c->frame_size;
    av_channel_layout_copy(&m_frame->ch_layout, &c->ch_layout);
    if (const int error = av_frame_get_buffer(m_frame.get(), 0); error < 0)
        throw encoderError(QStringLiteral("cannot allocate audio"), error);
}

AVFrame *AudioEncoder::frameForWriting()
{
    if (const int error = av_frame_make_writable(m_frame.get()); error < 0)
        throw encoderError(QStringLiteral("cannot get writable audio"), error);
    return m_frame.get();
}

void AudioEncoder::encode(qint64 firstSample, const PacketSink &sink)
{
    m_frame->pts = firstSample;
    if (const int error = avcodec_send_frame(m_context.get(), m_frame.get()); error < 0)
        throw encoderError(QStringLiteral("the AAC encoder refused audio"), error);
    drainEncoder(m_context.get(), m_packet.get(), sink, QStringLiteral("AAC"));
}

void AudioEncoder::flush(const PacketSink &sink)
{
    flushEncoder(m_context.get(), m_packet.get(), sink, QStringLiteral("AAC"));
}

} // namespace nova
