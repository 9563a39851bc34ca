#pragma once

#include <QString>

#include <optional>

namespace nova {

// Picture size and rate of what is broadcast.
struct VideoFormat
{
    int width = 1280;
    int height = 720;
    int fps = 30;

    // "1280x720": even sizes from 160x90 to 3840x2160; nullopt otherwise.
    static std::optional<VideoFormat> parseSize(const QString &text, int fps);
    QString sizeText() const { return QStringLiteral("%1x%2").arg(width).arg(height); }
};

// PCM as the synthetic source makes it and the AAC encoder takes it.
struct AudioFormat
{
    int sampleRate = 48000;
    int channels = 2;
};

} // namespace nova
