#include "broadcaster/capture/screen_source.h"

#include <QProcessEnvironment>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/imgutils.h>
}

namespace nova {

struct ScreenSource::Grab
{
    AVPacket *packet = av_packet_alloc();
    int width = 0;
    int height = 0;
    AVPixelFormat format = AV_PIX_FMT_NONE;
    ~Grab() { av_packet_free(&packet); }
};

QString ScreenSource::unavailableReason(const QString &display)
{
    if (!display.isEmpty())
        return {};
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (environment.contains(QStringLiteral("WAYLAND_DISPLAY")))
        return QStringLiteral("screen capture needs an X11 session (or XWayland's DISPLAY); this "
                              "Wayland session has no DISPLAY");
    return QStringLiteral("screen capture needs an X display: DISPLAY is not set");
}

ScreenSource::ScreenSource(QString display, QRect region, VideoFormat format)
    : m_unavailable(unavailableReason(display))
{
    if (!m_unavailable.isEmpty())
        return;
    DeviceInput::Device device;
    device.format = "x11grab";
    // x11grab's URL: DISPLAY, then the region's top-left corner.
    device.url = display.toUtf8();
    QList<std::pair<QByteArray, QByteArray>> options = {
        {"framerate", QByteArray::number(format.fps)},
        {"draw_mouse", "1"},
    };
    if (!region.isEmpty()) {
        device.url += '+' + QByteArray::number(region.x()) + ',' + QByteArray::number(region.y());
        options.append(
            {"video_size",
             QStringLiteral("%1x%2").arg(region.width()).arg(region.height()).toLatin1()});
    }
    device.options = options;
    device.what = region.isEmpty() ? QStringLiteral("the screen on %1").arg(display)
                                   : QStringLiteral("the region %1,%2 %3x%4 of %5")
                                         .arg(region.x())
                                         .arg(region.y())
                                         .arg(region.width())
                                         .arg(region.height())
                                         .arg(display);
    m_input = std::make_unique<DeviceInput>(
        std::move(device), [this](const AVPacket &packet, const AVCodecParameters &parameters) {
            auto grab = std::make_shared<Grab>();
            // A reference, no copy: x11grab hands out a fresh shared-memory buffer each time.
            if (av_packet_ref(grab->packet, &packet) < 0)
                return;
            grab->width = parameters.width;
            grab->height = parameters.height;
            grab->format = AVPixelFormat(parameters.format);
            std::lock_guard lock(m_mutex);
            m_newest = std::move(grab);
        });
}

ScreenSource::~ScreenSource() = default;

void ScreenSource::waitUntilReady(int limitMs)
{
    if (m_input)
        m_input->waitForFirstPacket(limitMs);
}

QString ScreenSource::problem() const
{
    if (!m_unavailable.isEmpty())
        return m_unavailable;
    return m_input->problem();
}

void ScreenSource::renderVideo(AVFrame *frame, qint64, const QDateTime &)
{
    std::shared_ptr<const Grab> grab;
    {
        std::lock_guard lock(m_mutex);
        grab = m_newest;
    }
    FrameScaler::fillBlack(frame);
    if (!grab)
        return; // nothing yet, or never: problem() says why
    // While the display is gone, the last picture stays: a frozen screen, not a black one.
    uint8_t *planes[4] = {};
    int linesizes[4] = {};
    if (av_image_fill_arrays(planes, linesizes, grab->packet->data, grab->format, grab->width,
                             grab->height, 1) > grab->packet->size)
        return; // a packet shorter than its picture: not drawn, never read past its end
    m_scaler.drawFitted(planes, linesizes, grab->width, grab->height, grab->format, frame);
}

void ScreenSource::renderAudio(AVFrame *frame, qint64)
{
    for (int channel = 0; channel < frame->ch_layout.nb_channels; ++channel)
        std::fill_n(reinterpret_cast<float *>(frame->data[channel]), frame->nb_samples, 0.0f);
}

} // namespace nova
