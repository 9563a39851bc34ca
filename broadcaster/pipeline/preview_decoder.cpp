#include "broadcaster/pipeline/preview_decoder.h"

#include <cstring>

extern "C" {
#include <libswscale/swscale.h>
}

namespace nova {

PreviewDecoder::PreviewDecoder(int maxWidth)
    : m_maxWidth(maxWidth)
    , m_frame(av_frame_alloc())
{}

PreviewDecoder::~PreviewDecoder()
{
    sws_freeContext(m_scaler);
}

QImage PreviewDecoder::decode(const AVPacket *packet, const AVCodecContext *encoder)
{
    if (!m_decoder) {
        const AVCodec *codec = avcodec_find_decoder(AV_CODEC_ID_H264);
        if (!codec)
            return {};
        m_decoder.reset(avcodec_alloc_context3(codec));
        // The encoder's SPS/PPS, which its packets do not repeat (global header).
        if (encoder->extradata_size > 0) {
            m_decoder->extradata = static_cast<uint8_t *>(
                av_mallocz(size_t(encoder->extradata_size) + AV_INPUT_BUFFER_PADDING_SIZE));
            std::memcpy(m_decoder->extradata, encoder->extradata, size_t(encoder->extradata_size));
            m_decoder->extradata_size = encoder->extradata_size;
        }
        m_decoder->thread_count = 1; // a second decoding thread would only add a frame of delay
        if (avcodec_open2(m_decoder.get(), codec, nullptr) < 0) {
            m_decoder.reset();
            return {};
        }
    }
    if (avcodec_send_packet(m_decoder.get(), packet) < 0)
        return {};
    QImage picture;
    while (avcodec_receive_frame(m_decoder.get(), m_frame.get()) == 0) {
        const AVFrame *f = m_frame.get();
        const int width = std::min(m_maxWidth, f->width) & ~1;
        const int height = std::max(2, int(qint64(f->height) * width / f->width) & ~1);
        m_scaler =
            sws_getCachedContext(m_scaler, f->width, f->height, AVPixelFormat(f->format), width,
                                 height, AV_PIX_FMT_RGB32, SWS_BILINEAR, nullptr, nullptr, nullptr);
        if (!m_scaler)
            continue;
        picture = QImage(width, height, QImage::Format_RGB32);
        uint8_t *target[] = {picture.bits()};
        const int stride[] = {int(picture.bytesPerLine())};
        sws_scale(m_scaler, f->data, f->linesize, 0, f->height, target, stride);
        av_frame_unref(m_frame.get());
    }
    return picture;
}

} // namespace nova
