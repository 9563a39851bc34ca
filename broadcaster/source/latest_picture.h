#pragma once

#include "broadcaster/media/frame_scaler.h"
#include "broadcaster/media/video_format.h"

#include <QObject>
#include <QVideoFrame>

#include <mutex>

struct AVFrame;
class QVideoSink;

namespace nova {

// The newest picture a Qt Multimedia video sink delivered (from a player or a camera, on the
// thread that owns the sink), drawn into the broadcast's frames on the pipeline's thread: scaled
// to fit, centred on black. Black until the first picture arrives.
class LatestPicture : public QObject
{
    Q_OBJECT

public:
    LatestPicture(QVideoSink *sink, VideoFormat format, QObject *parent = nullptr);
    ~LatestPicture() override;

    void drawInto(AVFrame *frame);
    bool hasPicture() const;

private:
    VideoFormat m_format;
    mutable std::mutex m_mutex;
    QVideoFrame m_newest;
    FrameScaler m_scaler; // the pipeline thread's alone
};

} // namespace nova
