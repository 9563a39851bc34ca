#pragma once

#include "broadcaster/mixer/audio_level.h"
#include "broadcaster/source/media_source.h"

#include <QList>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

extern "C" {
#include <libavutil/frame.h>
}

namespace nova {

// The broadcast's sound: every audio source added up, each with its mute and its meter. The
// pipeline's thread mixes; any thread (the GUI's) mutes and reads the meters. A muted source is
// still read (its meter moves, its samples are not left to pile up) but not heard.
class AudioMixer
{
public:
    struct Input
    {
        QString name; // "Microphone", "Desktop audio"
        std::shared_ptr<MediaSource> source;
    };
    struct Strip
    {
        QString name;
        bool muted = false;
        AudioLevel level; // of the source itself, before mute, over the last mixed stretch
        QString problem;
    };

    explicit AudioMixer(QList<Input> inputs);

    // Fills `frame` (planar float) with the sum of the unmuted inputs, clipped to full scale.
    void mix(AVFrame *frame, qint64 firstSample);
    void setMuted(int input, bool muted);
    // Each input's MediaSource::waitUntilReady.
    void waitUntilReady(int limitMs);
    QList<Strip> strips() const;
    // Every input's problem, one per line, but those of `toldElsewhere` (a picture's own sound,
    // whose trouble the picture tells); empty when all are well.
    QString problem(const std::vector<const MediaSource *> &toldElsewhere = {}) const;
    int size() const { return int(m_inputs.size()); }

private:
    struct Channel
    {
        QString name;
        std::shared_ptr<MediaSource> source;
        std::unique_ptr<std::atomic<bool>> muted = std::make_unique<std::atomic<bool>>(false);
    };
    std::vector<Channel> m_inputs;
    AVFrame *scratch(const AVFrame *like);
    struct FrameFree
    {
        void operator()(AVFrame *frame) const { av_frame_free(&frame); }
    };
    std::unique_ptr<AVFrame, FrameFree> m_scratch; // the pipeline thread's
    mutable std::mutex m_mutex;
    std::vector<AudioLevel> m_levels; // under m_mutex
};

} // namespace nova
