#include "broadcaster/ui/source_picker.h"

#include <QAction>
#include <QCameraDevice>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMediaDevices>
#include <QMetaEnum>
#include <QSettings>
#include <QSpinBox>
#include <QStyle>

namespace nova {

namespace {
constexpr int kDeviceRole = Qt::UserRole + 1; // a camera's id, beside its Picture

bool hasX11Display()
{
    return qEnvironmentVariableIsSet("DISPLAY");
}

QString pictureName(SourcePicker::Picture picture)
{
    return QString::fromLatin1(
        QMetaEnum::fromType<SourcePicker::Picture>().valueToKey(int(picture)));
}
} // namespace

SourcePicker::SourcePicker(QWidget *parent)
    : QGroupBox(tr("Source"), parent)
{
    auto *form = new QFormLayout(this);

    m_picture = new QComboBox(this);
    m_picture->setObjectName(QStringLiteral("source"));
    m_picture->addItem(tr("Screen"), QVariant::fromValue(Picture::Screen));
    m_picture->addItem(tr("Window region"), QVariant::fromValue(Picture::Region));
    addCameras();
    m_picture->addItem(tr("Media file"), QVariant::fromValue(Picture::MediaFile));
    m_picture->addItem(tr("Test pattern (clock, flash and beep)"),
                       QVariant::fromValue(Picture::TestPattern));

    m_region = new QLineEdit(this);
    m_region->setObjectName(QStringLiteral("region"));
    m_region->setPlaceholderText(tr("X,Y,WxH — e.g. 0,0,1280x720"));
    m_region->setToolTip(tr("The part of the screen to send: its top-left corner and its size"));

    m_mediaFile = new QLineEdit(this);
    m_mediaFile->setObjectName(QStringLiteral("mediaFile"));
    m_mediaFile->setPlaceholderText(tr("Choose a video file…"));
    QAction *browse = m_mediaFile->addAction(style()->standardIcon(QStyle::SP_DirOpenIcon),
                                             QLineEdit::TrailingPosition);
    connect(browse, &QAction::triggered, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Media file"), QString(), tr("Videos (*.mp4 *.mkv *.mov *.webm *.ts)"));
        if (!file.isEmpty())
            m_mediaFile->setText(file);
    });

    m_screenNote = new QLabel(this);
    m_screenNote->setObjectName(QStringLiteral("screenNote"));
    m_screenNote->setWordWrap(true);

    // The camera over the picture, in a corner.
    m_overlay = new QCheckBox(tr("Camera in a corner"), this);
    m_overlay->setObjectName(QStringLiteral("overlay"));
    m_overlayCamera = new QComboBox(this);
    m_overlayCamera->setObjectName(QStringLiteral("overlayCamera"));
    for (const QCameraDevice &camera : QMediaDevices::videoInputs())
        m_overlayCamera->addItem(camera.description(), QString::fromUtf8(camera.id()));
    if (m_overlayCamera->count() == 0) {
        m_overlay->setEnabled(false);
        m_overlay->setToolTip(tr("There is no camera on this machine"));
    }
    m_corner = new QComboBox(this);
    m_corner->setObjectName(QStringLiteral("corner"));
    m_corner->addItem(tr("Bottom right"), int(PictureInPicture::Corner::BottomRight));
    m_corner->addItem(tr("Bottom left"), int(PictureInPicture::Corner::BottomLeft));
    m_corner->addItem(tr("Top right"), int(PictureInPicture::Corner::TopRight));
    m_corner->addItem(tr("Top left"), int(PictureInPicture::Corner::TopLeft));
    m_overlaySize = new QSpinBox(this);
    m_overlaySize->setObjectName(QStringLiteral("overlaySize"));
    m_overlaySize->setRange(10, 50);
    m_overlaySize->setSuffix(tr(" % of the width"));
    auto *overlayRow = new QHBoxLayout;
    overlayRow->addWidget(m_overlayCamera, 1);
    overlayRow->addWidget(m_corner);
    overlayRow->addWidget(m_overlaySize);
    connect(m_overlay, &QCheckBox::toggled, this, &SourcePicker::showFieldsOfChoice);

    m_microphone = new QCheckBox(tr("Microphone"), this);
    m_microphone->setObjectName(QStringLiteral("microphone"));
    m_desktopAudio = new QCheckBox(tr("Desktop audio"), this);
    m_desktopAudio->setObjectName(QStringLiteral("desktopAudio"));
    m_desktopAudio->setToolTip(tr("What this computer plays (the default output's monitor)"));
    m_testTone = new QCheckBox(tr("Test tone"), this);
    m_testTone->setObjectName(QStringLiteral("testTone"));
    auto *sounds = new QGridLayout; // two a row: the settings column is narrow
    sounds->addWidget(m_microphone, 0, 0);
    sounds->addWidget(m_desktopAudio, 0, 1);
    sounds->addWidget(m_testTone, 1, 0);

    form->addRow(tr("Picture"), m_picture);
    form->addRow(tr("Region"), m_region);
    form->addRow(QString(), m_mediaFile);
    form->addRow(QString(), m_screenNote);
    form->addRow(QString(), m_overlay);
    form->addRow(QString(), overlayRow);
    form->addRow(tr("Sound"), sounds);

    connect(m_picture, &QComboBox::currentIndexChanged, this, &SourcePicker::showFieldsOfChoice);
    showFieldsOfChoice();
}

void SourcePicker::addCameras()
{
    // Offered only when the machine has one.
    for (const QCameraDevice &camera : QMediaDevices::videoInputs()) {
        m_picture->addItem(tr("Camera: %1").arg(camera.description()),
                           QVariant::fromValue(Picture::Camera));
        m_picture->setItemData(m_picture->count() - 1, QString::fromUtf8(camera.id()), kDeviceRole);
    }
}

SourcePicker::Picture SourcePicker::picture() const
{
    return m_picture->currentData().value<Picture>();
}

void SourcePicker::choosePicture(Picture picture)
{
    const int index = m_picture->findData(QVariant::fromValue(picture));
    if (index >= 0)
        m_picture->setCurrentIndex(index);
}

void SourcePicker::showFieldsOfChoice()
{
    const Picture chosen = picture();
    auto *form = static_cast<QFormLayout *>(layout());
    form->setRowVisible(m_region, chosen == Picture::Region);
    form->setRowVisible(m_mediaFile, chosen == Picture::MediaFile);
    const bool screen = chosen == Picture::Screen || chosen == Picture::Region;
    form->setRowVisible(m_screenNote, screen && !hasX11Display());
    if (!hasX11Display())
        m_screenNote->setText(
            qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
                ? tr("Screen capture needs an X11 session (or XWayland): this Wayland session "
                     "has no DISPLAY. Log in with an X11 session, or send a camera or a file.")
                : tr("Screen capture needs an X display, and DISPLAY is not set."));
    // A camera over a camera is not offered: there is one.
    m_overlay->setVisible(chosen != Picture::Camera);
    const bool overlaid =
        m_overlay->isChecked() && m_overlay->isEnabled() && chosen != Picture::Camera;
    m_overlayCamera->setVisible(overlaid);
    m_corner->setVisible(overlaid);
    m_overlaySize->setVisible(overlaid);
}

std::optional<SceneSpec> SourcePicker::scene(QString *error) const
{
    SceneSpec spec;
    switch (picture()) {
    case Picture::Screen:
        spec.video.kind = VideoSourceSpec::Kind::Screen;
        break;
    case Picture::Region: {
        QString unused;
        const auto parsed = VideoSourceSpec::parse(
            QStringLiteral("screen:") + m_region->text().remove(u' '), &unused);
        if (!parsed || parsed->region.isEmpty()) {
            *error = tr("The region must look like X,Y,WxH, e.g. 0,0,1280x720 (even sizes, at "
                        "least 16x16)");
            return std::nullopt;
        }
        spec.video = *parsed;
        break;
    }
    case Picture::Camera:
        spec.video.kind = VideoSourceSpec::Kind::Camera;
        spec.video.device = m_picture->currentData(kDeviceRole).toString();
        break;
    case Picture::MediaFile:
        if (m_mediaFile->text().trimmed().isEmpty()) {
            *error = tr("Choose the media file to send first");
            return std::nullopt;
        }
        spec.video.kind = VideoSourceSpec::Kind::File;
        spec.video.path = m_mediaFile->text().trimmed();
        break;
    case Picture::TestPattern:
        spec.video.kind = VideoSourceSpec::Kind::Synthetic;
        break;
    }
    if (m_overlay->isChecked() && m_overlay->isEnabled() && picture() != Picture::Camera) {
        VideoSourceSpec camera;
        camera.kind = VideoSourceSpec::Kind::Camera;
        camera.device = m_overlayCamera->currentData().toString();
        spec.overlay = camera;
        spec.placement.corner = PictureInPicture::Corner(m_corner->currentData().toInt());
        spec.placement.widthFraction = m_overlaySize->value() / 100.0;
    }

    spec.audio.clear();
    if (m_microphone->isChecked()) // the server's default source
        spec.audio.append({AudioSourceSpec::Kind::Pulse, QString()});
    if (m_desktopAudio->isChecked())
        spec.audio.append(AudioSourceSpec::desktopAudio());
    if (m_testTone->isChecked())
        spec.audio.append({AudioSourceSpec::Kind::Synthetic, QString()});
    return spec;
}

void SourcePicker::restoreSettings()
{
    QSettings settings;
    // A first start shows the screen where there is one, else the test pattern and its tone.
    const Picture fresh = hasX11Display() ? Picture::Screen : Picture::TestPattern;
    const QByteArray saved = settings.value(QStringLiteral("source/picture")).toByteArray();
    bool known = false;
    const int value = QMetaEnum::fromType<Picture>().keyToValue(saved.constData(), &known);
    choosePicture(known ? Picture(value) : fresh);
    if (const QString camera = settings.value(QStringLiteral("source/camera")).toString();
        picture() == Picture::Camera && !camera.isEmpty()) {
        const int index = m_picture->findData(camera, kDeviceRole);
        if (index >= 0)
            m_picture->setCurrentIndex(index);
    }
    m_region->setText(settings.value(QStringLiteral("source/region")).toString());
    m_mediaFile->setText(settings.value(QStringLiteral("source/file")).toString());
    m_overlay->setChecked(settings.value(QStringLiteral("source/overlay"), false).toBool());
    m_corner->setCurrentIndex(
        std::max(0, m_corner->findData(settings.value(QStringLiteral("source/corner")))));
    m_overlaySize->setValue(settings.value(QStringLiteral("source/overlay_percent"), 25).toInt());
    const bool screen = fresh == Picture::Screen;
    m_microphone->setChecked(settings.value(QStringLiteral("audio/microphone"), screen).toBool());
    m_desktopAudio->setChecked(settings.value(QStringLiteral("audio/desktop"), screen).toBool());
    m_testTone->setChecked(settings.value(QStringLiteral("audio/test_tone"), !screen).toBool());
    showFieldsOfChoice();
}

void SourcePicker::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("source/picture"), pictureName(picture()));
    settings.setValue(QStringLiteral("source/camera"), m_picture->currentData(kDeviceRole));
    settings.setValue(QStringLiteral("source/region"), m_region->text());
    settings.setValue(QStringLiteral("source/file"), m_mediaFile->text());
    settings.setValue(QStringLiteral("source/overlay"), m_overlay->isChecked());
    settings.setValue(QStringLiteral("source/corner"), m_corner->currentData());
    settings.setValue(QStringLiteral("source/overlay_percent"), m_overlaySize->value());
    settings.setValue(QStringLiteral("audio/microphone"), m_microphone->isChecked());
    settings.setValue(QStringLiteral("audio/desktop"), m_desktopAudio->isChecked());
    settings.setValue(QStringLiteral("audio/test_tone"), m_testTone->isChecked());
}

} // namespace nova
