#pragma once

#include "broadcaster/capture/device_input.h"
#include "broadcaster/media/sample_jitter_buffer.h"
#include "broadcaster/media/video_format.h"
#include "broadcaster/source/media_source.h"

#include <memory>

namespace nova {

// A PulseAudio source (PipeWire's pulse server too) as sound for the broadcast: a microphone, or a
// sink's "NAME.monitor" for what the desktop plays. The server resamples to the broadcast's rate
// and channels; the samples wait in a SampleJitterBuffer of kTargetBufferedMs for the pipeline to
// take them, so the sound never lags the picture by more than kMaxBufferedMs.
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
    SampleJitterBuffer m_buffer;
    std::unique_ptr<DeviceInput> m_input;
};

} // namespace nova
