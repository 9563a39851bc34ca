#pragma once

#include <QImage>
#include <QWidget>

namespace nova {

// The encoded picture as it goes out, scaled to fit on black. A plain painted widget rather than
// QVideoWidget: that one is a native surface that grab() (screenshots, tests) cannot see.
class PreviewView : public QWidget
{
    Q_OBJECT

public:
    explicit PreviewView(QWidget *parent = nullptr);

    void showPicture(const QImage &picture);
    void clear();
    const QImage &picture() const { return m_picture; }
    QSize sizeHint() const override { return {640, 360}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QImage m_picture;
};

} // namespace nova
