#pragma once

#include "broadcaster/source/media_source.h"

#include <QDateTime>

#include <cstdint>
#include <vector>

struct AVFrame;

namespace nova {

// The default source: a picture and a sound that make problems visible. Colour bars that scroll and
// a box that bounces (so a frozen picture shows), the capture wall-clock time and frame number
// burned in (so latency can be read off a player), and once a second a white flash with a 1 kHz
// beep (so A/V sync can be checked by eye and ear) over a quiet 440 Hz tone.
class SyntheticSource : public MediaSource
{
public:
    SyntheticSource(VideoFormat video, AudioFormat audio);

    const VideoFormat &videoFormat() const { return m_video; }
    const AudioFormat &audioFormat() const { return m_audio; }

    void renderVideo(AVFrame *frame, qint64 index, const QDateTime &captureTime) override;
    void renderAudio(AVFrame *frame, qint64 firstSample) override;

    // The first two pictures of each second flash; the first 100 ms of each second beep.
    static bool isFlashFrame(qint64 index, int fps) { return index % fps < 2; }
    static bool isBeepSample(qint64 sample, int sampleRate)
    {
        return sample % sampleRate < sampleRate / 10;
    }

private:
    void fillRect(AVFrame *frame, int x, int y, int width, int height, std::uint8_t luma,
                  std::uint8_t cb, std::uint8_t cr) const;

    VideoFormat m_video;
    AudioFormat m_audio;
    std::vector<std::uint8_t> m_rampRow; // the bottom third's grey ramp, computed once
};

} // namespace nova
