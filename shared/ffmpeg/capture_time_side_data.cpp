#include "shared/ffmpeg/capture_time_side_data.h"

#include "shared/capture_timestamp_sei.h"

extern "C" {
#include <libavutil/frame.h>
}

#include <cstring>

namespace nova {

void setCaptureTimeSideData(AVFrame *frame, std::optional<qint64> microsSinceEpoch)
{
    av_frame_remove_side_data(frame, AV_FRAME_DATA_SEI_UNREGISTERED);
    if (!microsSinceEpoch)
        return;
    const QByteArray payload = CaptureTimestampSei::payload(*microsSinceEpoch);
    if (AVFrameSideData *side =
            av_frame_new_side_data(frame, AV_FRAME_DATA_SEI_UNREGISTERED, size_t(payload.size())))
        std::memcpy(side->data, payload.constData(), size_t(payload.size()));
}

} // namespace nova
