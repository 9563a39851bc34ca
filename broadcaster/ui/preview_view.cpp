#include "broadcaster/ui/preview_view.h"

#include <QPainter>

namespace nova {

PreviewView::PreviewView(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(320, 180);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void PreviewView::showPicture(const QImage &picture)
{
    m_picture = picture;
    update();
}

void PreviewView::clear()
{
    m_picture = {};
    update();
}

void PreviewView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), Qt::black);
    if (m_picture.isNull()) {
        painter.setPen(QColor(0x9e, 0x9e, 0x9e));
        painter.drawText(rect(), Qt::AlignCenter, tr("The preview shows what is sent"));
        return;
    }
    const QSize fitted = m_picture.size().scaled(size(), Qt::KeepAspectRatio);
    const QRect target(QPoint((width() - fitted.width()) / 2, (height() - fitted.height()) / 2),
                       fitted);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(target, m_picture);
}

} // namespace nova
