#pragma once

#include "broadcaster/scene/composed_source.h"
#include "broadcaster/source/source_spec.h"

#include <QList>

#include <optional>

namespace nova {

// What a broadcast shows and plays, as the command line or the window chose it.
struct SceneSpec
{
    VideoSourceSpec video;
    // Mixed; empty for silence.
    QList<AudioSourceSpec> audio{AudioSourceSpec{}};
    // The picture's own sound (a media file's) is mixed too, as its first strip.
    bool pictureSound = true;
    // A second picture in a corner (the camera over the screen).
    std::optional<VideoSourceSpec> overlay;
    PictureInPicture placement;
};

} // namespace nova
