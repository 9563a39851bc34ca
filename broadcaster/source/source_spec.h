#pragma once

#include <QRect>
#include <QString>

#include <optional>

namespace nova {

// What --video names (DESIGN.md): screen[:X,Y,WxH] | camera[:DEVICE] | file:PATH | synthetic.
struct VideoSourceSpec
{
    enum class Kind
    {
        Synthetic,
        Screen,
        Camera,
        File
    };
    Kind kind = Kind::Synthetic;
    QRect region;   // Screen: the part of it; empty for the whole screen
    QString device; // Camera: its id or description; empty for the default camera
    QString path;   // File

    // nullopt with `error` set when the text names nothing that can be captured.
    static std::optional<VideoSourceSpec> parse(const QString &text, QString *error);
    QString describe() const;
};

// What one --audio names: pulse[:SOURCE] | none | synthetic. A PulseAudio source is a microphone,
// or a sink's "NAME.monitor" for the sound the desktop plays.
struct AudioSourceSpec
{
    enum class Kind
    {
        Synthetic,
        None,
        Pulse
    };
    Kind kind = Kind::Synthetic;
    QString pulseSource; // empty: the server's default source

    static std::optional<AudioSourceSpec> parse(const QString &text, QString *error);
    // What the desktop plays: the monitor of whichever sink is PulseAudio's default.
    static AudioSourceSpec desktopAudio();
    // A sink's monitor (the desktop's sound) rather than a microphone.
    bool isDesktopAudio() const;
    QString describe() const;
};

} // namespace nova
