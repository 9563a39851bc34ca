#pragma once

#include "shared/publisher_details.h"

#include <QString>

namespace nova {

// A publisher's details as the stream pane shows them, one line each for video, audio and the
// connection: "H264 High · 1280×720 · 30 fps · keyframe every 2.0 s".
struct PublisherSummary
{
    QString video;
    QString audio;
    QString connection;

    static PublisherSummary of(const PublisherDetails &details);
};

} // namespace nova
