#pragma once

#include "broadcaster/media/video_format.h"
#include "broadcaster/scene/scene_spec.h"

#include <QString>

#include <memory>
#include <stdexcept>

namespace nova {

class ComposedSource;

// A source that cannot be had at all (no X display, no such camera), with the reason.
class SceneError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// Makes the sources a SceneSpec names and puts them together. Call on the thread with the event
// loop (the GUI's, or the headless app's): the camera and the media file are Qt Multimedia's and
// live there. `display` is the X display for the screen (DISPLAY). Throws SceneError.
std::shared_ptr<ComposedSource> buildScene(const SceneSpec &spec, VideoFormat video,
                                           AudioFormat audio, const QString &display);

} // namespace nova
