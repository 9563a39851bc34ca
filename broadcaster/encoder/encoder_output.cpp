#include "broadcaster/encoder/encoder_output.h"

#include "broadcaster/media/media_error.h"

extern "C" {
#include <libavcodec/avcodec.h>
}

namespace nova {

void drainEncoder(AVCodecContext *context, AVPacket *packet, const PacketSink &sink,
                  const QString &codec)
{
    for (;;) {
        const int status = avcodec_receive_packet(context, packet);
        if (status == AVERROR(EAGAIN) || status == AVERROR_EOF)
            return;
        if (status < 0)
            throw encoderError(QStringLiteral("the %1 encoder failed").arg(codec), status);
        sink(packet);
        av_packet_unref(packet);
    }
}

void flushEncoder(AVCodecContext *context, AVPacket *packet, const PacketSink &sink,
                  const QString &codec)
{
    if (avcodec_send_frame(context, nullptr) >= 0)
        drainEncoder(context, packet, sink, codec);
}

} // namespace nova
