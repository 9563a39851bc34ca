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
// and channels; the samples wait here, in order, for the pipeline to take them. When the pipeline
// takes them slower than they come (two clocks drift apart) the oldest go, so the sound never
// lags behind the picture by more than kMaxBuffered; when it takes faster, silence fills in.
// No picture: that comes from the video source.
class PulseAudioSource : public MediaSource
{
public:
    static constexpr int kMaxBufferedMs = 200;

    // `source` empty: the server's default source.
    PulseAudioSource(QString source, AudioFormat format);
    ~PulseAudioSource() override;

    void renderVideo(AVFrame *frame, qint64 index, const QDateTime &captureTime) override;
    void renderAudio(AVFrame *frame, qint64 firstSample) override;
    QString problem() const override { return m_input->problem(); }

    bool waitForFirstSound(int timeoutMs) { return m_input->waitForFirstPacket(timeoutMs); }

private:
    AudioFormat m_format;
    std::mutex m_mutex;
    std::deque<float> m_samples; // interleaved, under m_mutex
    std::unique_ptr<DeviceInput> m_input;
};

} // namespace nova
