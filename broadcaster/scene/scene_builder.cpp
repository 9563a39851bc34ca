#include "broadcaster/scene/scene_builder.h"

#include "broadcaster/capture/pulse_audio_source.h"
#include "broadcaster/capture/screen_source.h"
#include "broadcaster/mixer/audio_mixer.h"
#include "broadcaster/scene/composed_source.h"
#include "broadcaster/source/camera_source.h"
#include "broadcaster/source/media_file_source.h"
#include "broadcaster/source/synthetic_source.h"

#include <QAudioDevice>
#include <QCameraDevice>
#include <QFileInfo>
#include <QMediaDevices>
#include <QStringList>
#include <QUrl>

namespace nova {

namespace {
std::shared_ptr<MediaSource> makePicture(const VideoSourceSpec &spec, VideoFormat video,
                                         AudioFormat audio, const QString &display)
{
    switch (spec.kind) {
    case VideoSourceSpec::Kind::Synthetic:
        return std::make_shared<SyntheticSource>(video, audio);
    case VideoSourceSpec::Kind::Screen:
        if (const QString why = ScreenSource::unavailableReason(display); !why.isEmpty())
            throw SceneError(why.toStdString());
        return std::make_shared<ScreenSource>(display, spec.region, video);
    case VideoSourceSpec::Kind::File: {
        const QFileInfo file(spec.path);
        if (!file.isFile() || !file.isReadable())
            throw SceneError(
                QStringLiteral("%1 is not a file that can be read").arg(spec.path).toStdString());
        return std::make_shared<MediaFileSource>(file.absoluteFilePath(), video, audio);
    }
    case VideoSourceSpec::Kind::Camera: {
        const QList<QCameraDevice> cameras = QMediaDevices::videoInputs();
        for (const QCameraDevice &camera : cameras) {
            const bool wanted = spec.device.isEmpty()
                                    ? camera == QMediaDevices::defaultVideoInput()
                                    : QString::fromUtf8(camera.id()) == spec.device ||
                                          camera.description() == spec.device;
            if (wanted) // its sound comes from --audio, not from the camera
                return std::make_shared<CameraSource>(camera, QAudioDevice(), video, audio);
        }
        QStringList names;
        for (const QCameraDevice &camera : cameras)
            names.append(QString::fromUtf8(camera.id()));
        throw SceneError((cameras.isEmpty() ? QStringLiteral("there is no camera on this machine")
                                            : QStringLiteral("no camera \"%1\"; there are: %2")
                                                  .arg(spec.device, names.join(u", ")))
                             .toStdString());
    }
    }
    throw SceneError("unknown video source");
}

QString stripName(const AudioSourceSpec &spec)
{
    if (spec.isDesktopAudio())
        return QStringLiteral("Desktop audio");
    if (spec.kind == AudioSourceSpec::Kind::Pulse)
        return QStringLiteral("Microphone");
    return QStringLiteral("Test tone");
}
} // namespace

std::shared_ptr<ComposedSource> buildScene(const SceneSpec &spec, VideoFormat video,
                                           AudioFormat audio, const QString &display)
{
    std::shared_ptr<MediaSource> picture = makePicture(spec.video, video, audio, display);
    QList<AudioMixer::Input> inputs;
    if (spec.video.kind == VideoSourceSpec::Kind::File && spec.pictureSound)
        inputs.append({QStringLiteral("Media file"), picture});
    for (const AudioSourceSpec &sound : spec.audio) {
        switch (sound.kind) {
        case AudioSourceSpec::Kind::None:
            break;
        case AudioSourceSpec::Kind::Synthetic:
            // The test pattern's own tone keeps its beeps in step with its flashes.
            inputs.append(
                {stripName(sound), spec.video.kind == VideoSourceSpec::Kind::Synthetic
                                       ? picture
                                       : std::make_shared<SyntheticSource>(video, audio)});
            break;
        case AudioSourceSpec::Kind::Pulse:
            inputs.append(
                {stripName(sound), std::make_shared<PulseAudioSource>(sound.pulseSource, audio)});
            break;
        }
    }
    auto scene =
        std::make_shared<ComposedSource>(std::move(picture), std::make_shared<AudioMixer>(inputs));
    if (spec.overlay)
        scene->setOverlay(makePicture(*spec.overlay, video, audio, display), spec.placement);
    return scene;
}

} // namespace nova
