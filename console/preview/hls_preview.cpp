#include "console/preview/hls_preview.h"

#include "console/preview/video_frame_view.h"

#include <QLabel>
#include <QMediaPlayer>
#include <QVBoxLayout>

namespace nova {

HlsPreview::HlsPreview(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_video = new VideoFrameView(this);
    m_video->setMinimumSize(240, 135);
    layout->addWidget(m_video, 1);
    m_status = new QLabel(tr("No stream selected"), this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    // No audio output at all: an operator watches many streams and none should talk over the
    // others (and a machine without a sound server must still show the picture).
    m_player = new QMediaPlayer(this);
    m_player->setVideoSink(m_video->sink());
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this,
            [this] { m_status->setText(status()); });
    connect(m_player, &QMediaPlayer::errorOccurred, this, [this] { m_status->setText(status()); });
}

void HlsPreview::play(const QUrl &playlist)
{
    m_player->stop();
    if (!playlist.isValid() || playlist.isEmpty()) {
        m_player->setSource({});
        m_status->setText(tr("This stream has no HLS output"));
        return;
    }
    m_player->setSource(playlist);
    m_player->play();
    m_status->setText(status());
}

void HlsPreview::stop(const QString &why)
{
    m_player->stop();
    m_video->clear();
    m_player->setSource({});
    m_status->setText(why.isEmpty() ? tr("No stream selected") : why);
}

bool HlsPreview::hasPicture() const
{
    return m_video->hasPicture();
}

QString HlsPreview::status() const
{
    if (m_player->error() != QMediaPlayer::NoError)
        return tr("Preview unavailable: %1").arg(m_player->errorString());
    switch (m_player->mediaStatus()) {
    case QMediaPlayer::NoMedia:
        return tr("No stream selected");
    case QMediaPlayer::LoadingMedia:
        return tr("Loading %1").arg(m_player->source().toString());
    case QMediaPlayer::StalledMedia:
    case QMediaPlayer::BufferingMedia:
        return tr("Buffering…");
    case QMediaPlayer::EndOfMedia:
        return tr("The stream's HLS output ended");
    case QMediaPlayer::InvalidMedia:
        return tr("The HLS output cannot be played");
    default:
        return tr("Playing %1").arg(m_player->source().toString());
    }
}

} // namespace nova
