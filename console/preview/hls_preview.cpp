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
    m_status->setObjectName(QStringLiteral("previewStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    // No audio output at all: an operator watches many streams and none should talk over the
    // others (and a machine without a sound server must still show the picture).
    m_player = new QMediaPlayer(this);
    m_player->setVideoSink(m_video->sink());
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this, &HlsPreview::onPlayerChanged);
    connect(m_player, &QMediaPlayer::errorOccurred, this, &HlsPreview::onPlayerChanged);

    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &HlsPreview::start);
    m_frozen.setSingleShot(true);
    m_frozen.setInterval(kFrozenAfter);
    connect(&m_frozen, &QTimer::timeout, this,
            [this] { retryLater(tr("no new picture for %1 s").arg(kFrozenAfter.count())); });
    connect(m_video, &VideoFrameView::pictureShown, this, [this] {
        if (m_availability != Availability::Playable)
            return;
        m_backoff.reset(); // it works: a later failure starts the pauses short again
        m_frozen.start();
        // New frames are what playing means; the player's media status can still say it is
        // loading or buffering while it already hands them out.
        setStatus(tr("Playing %1").arg(m_playlist.toString()));
    });
}

void HlsPreview::follow(const QUrl &playlist, Availability availability)
{
    if (playlist == m_playlist && availability == m_availability)
        return;
    m_retry.stop();
    m_frozen.stop();
    setPlayerSource({});
    m_playlist = playlist;
    m_availability = availability;
    if (availability != Availability::Reconnecting)
        m_video->clear(); // while it reconnects the last picture stays, under the reason
    switch (availability) {
    case Availability::NotLive:
        setStatus(tr("Not live: no preview"));
        break;
    case Availability::WaitingForSegments:
        setStatus(tr("Waiting for the first segments…"));
        break;
    case Availability::Reconnecting:
        setStatus(tr("The streamer is reconnecting: the preview resumes when it is back"));
        break;
    case Availability::Playable:
        m_backoff.reset();
        start();
        break;
    }
}

void HlsPreview::stop(const QString &why)
{
    follow({}, Availability::NotLive);
    setStatus(why.isEmpty() ? tr("No stream selected") : why);
}

void HlsPreview::start()
{
    if (m_availability != Availability::Playable)
        return;
    if (!m_playlist.isValid() || m_playlist.isEmpty()) {
        setStatus(tr("Waiting for the stream's HLS address…"));
        return;
    }
    setPlayerSource(m_playlist);
    m_player->play();
    m_frozen.start(); // the first picture must come too
    setStatus(playerStatus());
}

void HlsPreview::retryLater(const QString &why)
{
    if (m_availability != Availability::Playable || m_retry.isActive())
        return;
    const auto wait = m_backoff.next();
    m_retry.start(wait);
    m_frozen.stop();
    setPlayerSource({});
    setStatus(tr("Preview unavailable (%1): trying again in %2 s")
                  .arg(why)
                  .arg(double(wait.count()) / 1000.0, 0, 'g', 3));
}

void HlsPreview::setPlayerSource(const QUrl &source)
{
    // What the player signals while it lets go of the last source is about that one.
    m_resettingPlayer = true;
    m_player->stop();
    m_player->setSource(source);
    m_resettingPlayer = false;
}

void HlsPreview::onPlayerChanged()
{
    if (m_resettingPlayer || m_availability != Availability::Playable || m_retry.isActive())
        return;
    if (m_player->error() != QMediaPlayer::NoError) {
        retryLater(m_player->errorString());
        return;
    }
    switch (m_player->mediaStatus()) {
    case QMediaPlayer::InvalidMedia:
        retryLater(tr("the HLS output cannot be played"));
        return;
    case QMediaPlayer::EndOfMedia:
        // A live playlist that ends: the player reached its live edge and gave up.
        retryLater(tr("the player reached the end of the live playlist"));
        return;
    default:
        setStatus(playerStatus());
    }
}

void HlsPreview::setStatus(const QString &status)
{
    if (m_status->text() == status)
        return;
    m_status->setText(status);
    emit statusChanged(status);
}

bool HlsPreview::hasPicture() const
{
    return m_video->hasPicture();
}

const QImage &HlsPreview::picture() const
{
    return m_video->picture();
}

QString HlsPreview::status() const
{
    return m_status->text();
}

QString HlsPreview::playerStatus() const
{
    switch (m_player->mediaStatus()) {
    case QMediaPlayer::NoMedia:
    case QMediaPlayer::LoadingMedia:
        return tr("Loading %1").arg(m_playlist.toString());
    case QMediaPlayer::StalledMedia:
    case QMediaPlayer::BufferingMedia:
        return tr("Buffering…");
    default:
        return m_video->hasPicture() ? tr("Playing %1").arg(m_playlist.toString())
                                     : tr("Loading %1").arg(m_playlist.toString());
    }
}

} // namespace nova
