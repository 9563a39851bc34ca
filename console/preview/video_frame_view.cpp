#include "console/preview/video_frame_view.h"

#include <QPainter>
#include <QVideoFrame>
#include <QVideoSink>

namespace nova {

VideoFrameView::VideoFrameView(QWidget *parent)
    : QWidget(parent)
    , m_sink(new QVideoSink(this))
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(m_sink, &QVideoSink::videoFrameChanged, this, &VideoFrameView::show);
}

void VideoFrameView::clear()
{
    m_image = {};
    update();
}

void VideoFrameView::show(const QVideoFrame &frame)
{
    if (!frame.isValid())
        return;
    // A preview needs no more than the widget's size: scale once here, not at every paint.
    m_image = frame.toImage().scaled(size(), Qt::KeepAspectRatio, Qt::SmoothTransformation);
    update();
    emit pictureShown();
}

void VideoFrameView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), Qt::black);
    if (m_image.isNull())
        return;
    const QSize fitted = m_image.size().scaled(size(), Qt::KeepAspectRatio);
    QRect target(QPoint(), fitted);
    target.moveCenter(rect().center());
    painter.drawImage(target, m_image);
}

} // namespace nova
