#include "broadcaster/source/source_spec.h"

#include <QRegularExpression>

namespace nova {

namespace {
// "kind" or "kind:argument"
std::pair<QString, std::optional<QString>> split(const QString &text)
{
    const qsizetype colon = text.indexOf(u':');
    if (colon < 0)
        return {text, std::nullopt};
    return {text.left(colon), text.mid(colon + 1)};
}

std::optional<QRect> parseRegion(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^(\d{1,5}),(\d{1,5}),(\d{1,5})x(\d{1,5})$)"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const QRect region(match.captured(1).toInt(), match.captured(2).toInt(),
                       match.captured(3).toInt(), match.captured(4).toInt());
    // Even sizes, as the encoder's 4:2:0 picture needs; at least a thumbnail's worth.
    if (region.width() < 16 || region.height() < 16 || region.width() % 2 || region.height() % 2)
        return std::nullopt;
    return region;
}
} // namespace

std::optional<VideoSourceSpec> VideoSourceSpec::parse(const QString &text, QString *error)
{
    const auto [kind, argument] = split(text.trimmed());
    VideoSourceSpec spec;
    if (kind == u"synthetic" && !argument) {
        spec.kind = Kind::Synthetic;
    } else if (kind == u"screen") {
        spec.kind = Kind::Screen;
        if (argument) {
            const auto region = parseRegion(*argument);
            if (!region) {
                *error = QStringLiteral("--video screen:X,Y,WxH needs a region like "
                                        "screen:0,0,1280x720 (even sizes, at least 16x16)");
                return std::nullopt;
            }
            spec.region = *region;
        }
    } else if (kind == u"camera") {
        spec.kind = Kind::Camera;
        spec.device = argument.value_or(QString());
    } else if (kind == u"file" && argument && !argument->isEmpty()) {
        spec.kind = Kind::File;
        spec.path = *argument;
    } else {
        *error = QStringLiteral("--video must be screen[:X,Y,WxH], camera[:DEVICE], file:PATH or "
                                "synthetic, not \"%1\"")
                     .arg(text);
        return std::nullopt;
    }
    return spec;
}

QString VideoSourceSpec::describe() const
{
    switch (kind) {
    case Kind::Synthetic:
        return QStringLiteral("test pattern");
    case Kind::Screen:
        return region.isEmpty() ? QStringLiteral("screen")
                                : QStringLiteral("screen region %1,%2 %3x%4")
                                      .arg(region.x())
                                      .arg(region.y())
                                      .arg(region.width())
                                      .arg(region.height());
    case Kind::Camera:
        return device.isEmpty() ? QStringLiteral("camera")
                                : QStringLiteral("camera %1").arg(device);
    case Kind::File:
        return QStringLiteral("file %1").arg(path);
    }
    return {};
}

std::optional<AudioSourceSpec> AudioSourceSpec::parse(const QString &text, QString *error)
{
    const auto [kind, argument] = split(text.trimmed());
    AudioSourceSpec spec;
    if (kind == u"synthetic" && !argument) {
        spec.kind = Kind::Synthetic;
    } else if (kind == u"none" && !argument) {
        spec.kind = Kind::None;
    } else if (kind == u"pulse" && (!argument || !argument->isEmpty())) {
        spec.kind = Kind::Pulse;
        spec.pulseSource = argument.value_or(QString());
    } else {
        *error = QStringLiteral("--audio must be pulse[:SOURCE], none or synthetic, not \"%1\"")
                     .arg(text);
        return std::nullopt;
    }
    return spec;
}

AudioSourceSpec AudioSourceSpec::desktopAudio()
{
    return {Kind::Pulse, QStringLiteral("@DEFAULT_MONITOR@")};
}

bool AudioSourceSpec::isDesktopAudio() const
{
    return kind == Kind::Pulse &&
           (pulseSource.endsWith(u".monitor") || pulseSource == desktopAudio().pulseSource);
}

QString AudioSourceSpec::describe() const
{
    switch (kind) {
    case Kind::Synthetic:
        return QStringLiteral("test tone");
    case Kind::None:
        return QStringLiteral("no sound");
    case Kind::Pulse:
        return pulseSource.isEmpty() ? QStringLiteral("default microphone")
                                     : QStringLiteral("PulseAudio %1").arg(pulseSource);
    }
    return {};
}

} // namespace nova
