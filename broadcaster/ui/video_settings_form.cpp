#include "broadcaster/ui/video_settings_form.h"

#include <QComboBox>
#include <QFormLayout>
#include <QSettings>
#include <QSpinBox>

namespace nova {

namespace {
const QStringList kSizes = {QStringLiteral("1920x1080"), QStringLiteral("1280x720"),
                            QStringLiteral("854x480"), QStringLiteral("640x360")};
const QStringList kRates = {QStringLiteral("24"), QStringLiteral("25"), QStringLiteral("30"),
                            QStringLiteral("50"), QStringLiteral("60")};
const QStringList kPresets = {QStringLiteral("ultrafast"), QStringLiteral("superfast"),
                              QStringLiteral("veryfast"),  QStringLiteral("faster"),
                              QStringLiteral("fast"),      QStringLiteral("medium")};

QComboBox *comboOf(const QStringList &items, const QString &name, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(name);
    combo->addItems(items);
    return combo;
}
} // namespace

VideoSettingsForm::VideoSettingsForm(QWidget *parent)
    : QGroupBox(tr("Video"), parent)
{
    auto *form = new QFormLayout(this);
    m_size = comboOf(kSizes, QStringLiteral("size"), this);
    m_fps = comboOf(kRates, QStringLiteral("fps"), this);
    m_preset = comboOf(kPresets, QStringLiteral("preset"), this);
    m_preset->setToolTip(tr("Faster presets use less CPU for a little less quality"));
    m_bitrate = new QSpinBox(this);
    m_bitrate->setObjectName(QStringLiteral("bitrate"));
    m_bitrate->setRange(200, 20'000);
    m_bitrate->setSingleStep(250);
    m_bitrate->setSuffix(tr(" kb/s"));
    m_bitrate->setToolTip(tr("Can be changed while live"));
    connect(m_bitrate, &QSpinBox::valueChanged, this, &VideoSettingsForm::bitrateChanged);
    form->addRow(tr("Resolution"), m_size);
    form->addRow(tr("Frame rate"), m_fps);
    form->addRow(tr("Bitrate"), m_bitrate);
    form->addRow(tr("Encoder preset"), m_preset);
}

VideoEncoder::Settings VideoSettingsForm::settings() const
{
    VideoEncoder::Settings video;
    // Every size offered parses.
    video.format = *VideoFormat::parseSize(m_size->currentText(), m_fps->currentText().toInt());
    video.bitrateKbps = m_bitrate->value();
    video.preset = m_preset->currentText();
    return video;
}

void VideoSettingsForm::setLive(bool live)
{
    m_size->setEnabled(!live);
    m_fps->setEnabled(!live);
    m_preset->setEnabled(!live);
}

void VideoSettingsForm::restoreSettings()
{
    QSettings settings;
    m_size->setCurrentText(settings.value(QStringLiteral("video/size"), kSizes.at(1)).toString());
    m_fps->setCurrentText(settings.value(QStringLiteral("video/fps"), 30).toString());
    m_bitrate->setValue(settings.value(QStringLiteral("video/bitrate_kbps"), 2500).toInt());
    m_preset->setCurrentText(
        settings.value(QStringLiteral("video/preset"), QStringLiteral("veryfast")).toString());
}

void VideoSettingsForm::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("video/size"), m_size->currentText());
    settings.setValue(QStringLiteral("video/fps"), m_fps->currentText().toInt());
    settings.setValue(QStringLiteral("video/bitrate_kbps"), m_bitrate->value());
    settings.setValue(QStringLiteral("video/preset"), m_preset->currentText());
}

} // namespace nova
