#pragma once

#include "broadcaster/media/video_format.h"
#include "shared/ffmpeg/av_handles.h"

namespace nova::test {

// An empty YUV 4:2:0 picture of `format`'s size, for a source to draw into.
inline AvFramePtr yuvPicture(const VideoFormat &format)
{
    AvFramePtr frame(av_frame_alloc());
    frame->format = AV_PIX_FMT_YUV420P;
    frame->width = format.width;
    frame->height = format.height;
    av_frame_get_buffer(frame.get(), 0);
    return frame;
}

} // namespace nova::test
