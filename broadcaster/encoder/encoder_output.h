#pragma once

#include <QString>

#include <functional>

struct AVCodecContext;
struct AVPacket;

namespace nova {

using PacketSink = std::function<void(AVPacket *)>;

// Hands every packet the encoder has ready to `sink`, until it needs more input or is drained.
// `codec` names the encoder in errors ("H.264", "AAC").
void drainEncoder(AVCodecContext *context, AVPacket *packet, const PacketSink &sink,
                  const QString &codec);

// Ends the stream for an encoder: signals end of input and drains what is left.
void flushEncoder(AVCodecContext *context, AVPacket *packet, const PacketSink &sink,
                  const QString &codec);

} // namespace nova
