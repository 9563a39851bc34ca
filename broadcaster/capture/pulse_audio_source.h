#pragma once

#include "broadcaster/capture/device_input.h"
#include "broadcaster/media/video_format.h"
#include "broadcaster/source/media_source.h"

#include <deque>
#include <memory>
#include <mutex>

namespace nova {

// A PulseAudio source (PipeWire's pulse server too) as sound for the broadcast: a microphone, or a
// sink's "NAME.monitor" for what the desktop plays. The server resamples to the broadcast's rate
// and channels; the samples wait here, in order, for the pipeline to take them, about
// kTargetBufferedMs of them. When the pipeline takes them slower than they come (two clocks drift
// apart) it skips back to that, so the sound never lags the picture by more than kMaxBufferedMs;
// when it runs dry, silence fills in until the target has come again.
// No picture: that comes from the video source.
class PulseAudioSource : public MediaSource
{
public:
    static constexpr int kTargetBufferedMs = 60;
    static constexpr int kMaxBufferedMs = 200;

    // `source` empty: the server's default source.
    PulseAudioSource(QString source, AudioFormat format);
    ~PulseAudioSource() override;

    void renderVideo(AVFrame *frame, qint64 index, const QDateTime &captureTime) override;
    void renderAudio(AVFrame *frame, qint64 firstSample) override;
    QString problem() const override { return m_input->problem(); }

    void waitUntilReady(int limitMs) override { m_input->waitForFirstPacket(limitMs); }

private:
    AudioFormat m_format;
    std::mutex m_mutex;
    std::deque<float> m_samples; // interleaved, under m_mutex
    bool m_priming = true;       // under m_mutex: silence until kTargetBufferedMs has come
    std::unique_ptr<DeviceInput> m_input;
};

} // namespace nova
