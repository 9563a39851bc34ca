#include "broadcaster/capture/device_input.h"

#include "shared/ffmpeg/ffmpeg_error.h"

#include <QLoggingCategory>

extern "C" {
#include <libavdevice/avdevice.h>
#include <libavformat/avformat.h>
}

#include <chrono>

namespace nova {

Q_LOGGING_CATEGORY(lcCapture, "nova.broadcaster.capture")

namespace {
constexpr auto kReopenAfter = std::chrono::seconds(2);

void registerDevicesOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { avdevice_register_all(); });
}
} // namespace

DeviceInput::DeviceInput(Device device, PacketHandler handler)
    : m_device(std::move(device))
    , m_handler(std::move(handler))
    , m_problem(QStringLiteral("opening %1…").arg(m_device.what))
{
    registerDevicesOnce();
    m_thread = std::thread([this] { run(); });
}

DeviceInput::~DeviceInput()
{
    m_stop = true;
    m_wake.notify_all();
    m_thread.join();
}

QString DeviceInput::problem() const
{
    std::lock_guard lock(m_mutex);
    return m_problem;
}

bool DeviceInput::waitForFirstPacket(int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    return m_wake.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                           [this] { return m_delivered; });
}

void DeviceInput::setProblem(const QString &problem)
{
    std::lock_guard lock(m_mutex);
    if (problem != m_problem && !problem.isEmpty())
        qCWarning(lcCapture).noquote() << problem;
    m_problem = problem;
}

int DeviceInput::interrupted(void *self)
{
    return static_cast<DeviceInput *>(self)->m_stop.load() ? 1 : 0;
}

void DeviceInput::run()
{
    while (!m_stop) {
        if (!readUntilFailure())
            return;
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, kReopenAfter, [this] { return m_stop.load(); });
    }
}

bool DeviceInput::readUntilFailure()
{
    const AVInputFormat *format = av_find_input_format(m_device.format.constData());
    if (!format) {
        setProblem(QStringLiteral("cannot capture %1: this FFmpeg has no %2 input")
                       .arg(m_device.what, QString::fromLatin1(m_device.format)));
        return true;
    }
    AVFormatContext *context = avformat_alloc_context();
    context->interrupt_callback = {&DeviceInput::interrupted, this};
    AVDictionary *options = nullptr;
    for (const auto &[key, value] : m_device.options)
        av_dict_set(&options, key.constData(), value.constData(), 0);
    const int opened = avformat_open_input(&context, m_device.url.constData(), format, &options);
    av_dict_free(&options);
    if (opened < 0) { // it freed the context
        setProblem(
            QStringLiteral("cannot capture %1: %2").arg(m_device.what, ffmpegErrorText(opened)));
        return !m_stop;
    }
    if (context->nb_streams < 1) {
        avformat_close_input(&context);
        setProblem(QStringLiteral("cannot capture %1: it has no stream").arg(m_device.what));
        return !m_stop;
    }
    const AVCodecParameters &parameters = *context->streams[0]->codecpar;
    AVPacket *packet = av_packet_alloc();
    int read = 0;
    while (!m_stop && (read = av_read_frame(context, packet)) >= 0) {
        {
            std::lock_guard lock(m_mutex);
            if (!m_delivered || !m_problem.isEmpty()) {
                if (!m_problem.isEmpty())
                    qCInfo(lcCapture).noquote() << "capturing" << m_device.what;
                m_problem.clear();
                m_delivered = true;
                m_wake.notify_all();
            }
        }
        m_handler(*packet, parameters);
        av_packet_unref(packet);
    }
    av_packet_free(&packet);
    avformat_close_input(&context);
    if (m_stop)
        return false;
    setProblem(QStringLiteral("%1 stopped: %2").arg(m_device.what, ffmpegErrorText(read)));
    return true;
}

} // namespace nova
