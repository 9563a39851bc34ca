#pragma once

#include "broadcaster/media/video_format.h"

#include <QDateTime>
#include <QString>

struct AVFrame;

namespace nova {

// What the pipeline broadcasts: a picture on demand for each frame slot, and sound on demand for
// each run of samples. Called from the pipeline's thread only; a source fed by another thread (Qt
// Multimedia's) hands its newest picture over under a lock.
class MediaSource
{
public:
    virtual ~MediaSource() = default;

    // Draws picture `index` into `frame` (YUV 4:2:0 at the broadcast's size).
    virtual void renderVideo(AVFrame *frame, qint64 index, const QDateTime &captureTime) = 0;
    // Fills `frame` (planar float, frame->nb_samples per channel) from sample `firstSample` on.
    virtual void renderAudio(AVFrame *frame, qint64 firstSample) = 0;
    // Why the source cannot give what it should right now (a display gone, a device unplugged),
    // for the streamer to see; empty when all is well. The broadcast goes on meanwhile.
    virtual QString problem() const { return {}; }
    // Called once before the first picture: a device source waits (up to `limitMs`) until it has
    // something, so that the broadcast does not start on black or silence. The others are ready.
    virtual void waitUntilReady(int limitMs) { (void)limitMs; }
};

} // namespace nova
