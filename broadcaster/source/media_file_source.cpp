#include "broadcaster/source/media_file_source.h"

extern "C" {
#include <libavutil/frame.h>
}

#include <cstring>

namespace nova {

MediaFileSource::MediaFileSource(const QUrl &file, VideoFormat format, QObject *parent)
    : QObject(parent)
    , m_picture(&m_sink, format)
{
    m_player.setVideoOutput(&m_sink);
    m_player.setLoops(QMediaPlayer::Infinite);
    connect(&m_player, &QMediaPlayer::errorOccurred, this,
            [this](QMediaPlayer::Error, const QString &text) {
                m_problem.set(tr("Cannot play the file: %1").arg(text));
            });
    m_player.setSource(file);
    m_player.play();
}

void MediaFileSource::renderVideo(AVFrame *frame, qint64, const QDateTime &)
{
    m_picture.drawInto(frame);
}

void MediaFileSource::renderAudio(AVFrame *frame, qint64)
{
    for (int channel = 0; channel < frame->ch_layout.nb_channels; ++channel)
        std::memset(frame->data[channel], 0, size_t(frame->nb_samples) * sizeof(float));
}

} // namespace nova
