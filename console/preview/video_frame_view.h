#pragma once

#include <QImage>
#include <QWidget>

class QVideoFrame;
class QVideoSink;

namespace nova {

// Paints the frames of a QVideoSink as plain images, scaled to fit: unlike QVideoWidget it needs
// no native window or GPU, so it also shows in screenshots and on offscreen displays.
class VideoFrameView : public QWidget
{
    Q_OBJECT

public:
    explicit VideoFrameView(QWidget *parent = nullptr);

    QVideoSink *sink() const { return m_sink; }
    void clear();
    bool hasPicture() const { return !m_image.isNull(); }
    // The last picture, scaled to the widget (what the operator sees).
    const QImage &picture() const { return m_image; }

signals:
    void pictureShown();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void show(const QVideoFrame &frame);

    QVideoSink *m_sink = nullptr;
    QImage m_image;
};

} // namespace nova
