#pragma once

#include "broadcaster/scene/scene_spec.h"

#include <QGroupBox>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace nova {

// The window's "what to send", read as OBS's source list reads: the picture (the screen, a region
// of it, a camera, a media file or the test pattern), the camera in a corner over it if wanted, and
// the sounds to mix (microphone, desktop audio, test tone). It only collects the choice, as a
// SceneSpec: buildScene() makes the sources, as it does for the command line.
class SourcePicker : public QGroupBox
{
    Q_OBJECT

public:
    enum class Picture
    {
        Screen,
        Region,
        Camera,
        MediaFile,
        TestPattern
    };
    Q_ENUM(Picture)

    explicit SourcePicker(QWidget *parent = nullptr);

    // What is chosen, or nullopt with `error` telling the streamer what to fix.
    std::optional<SceneSpec> scene(QString *error) const;
    Picture picture() const;
    void choosePicture(Picture picture);

    void restoreSettings();
    void saveSettings() const;

private:
    void addCameras();
    void showFieldsOfChoice();

    QComboBox *m_picture;
    QLineEdit *m_region;
    QLineEdit *m_mediaFile;
    QLabel *m_screenNote;
    QCheckBox *m_overlay;
    QComboBox *m_overlayCamera;
    QComboBox *m_corner;
    QSpinBox *m_overlaySize;
    QCheckBox *m_microphone;
    QCheckBox *m_desktopAudio;
    QCheckBox *m_testTone;
};

} // namespace nova
