#include "broadcaster/source/synthetic_source.h"

#include "broadcaster/source/bitmap_font.h"

extern "C" {
#include <libavutil/frame.h>
}

#include <array>
#include <cmath>
#include <cstring>
#include <numbers>

namespace nova {

namespace {
struct Yuv
{
    std::uint8_t y, u, v;
};

// 75 % colour bars in BT.601 limited range: white, yellow, cyan, green, magenta, red, blue.
constexpr std::array<Yuv, 7> kBars = {Yuv{180, 128, 128}, Yuv{162, 44, 142}, Yuv{131, 156, 44},
                                      Yuv{112, 72, 58},   Yuv{84, 184, 198}, Yuv{65, 100, 212},
                                      Yuv{35, 212, 114}};
constexpr Yuv kBlack{16, 128, 128};
constexpr Yuv kWhite{235, 128, 128};
constexpr Yuv kOrange{151, 61, 190};
constexpr int kBarCycleSeconds = 8; // bars scroll one picture width in this time
constexpr int kBounceSeconds = 4;   // the box crosses and returns in this time
} // namespace

SyntheticSource::SyntheticSource(VideoFormat video, AudioFormat audio)
    : m_video(video)
    , m_audio(audio)
    , m_rampRow(size_t(video.width))
{
    for (int x = 0; x < video.width; ++x)
        m_rampRow[size_t(x)] = std::uint8_t(16 + (219 * x) / std::max(1, video.width - 1));
}

void SyntheticSource::fillRect(AVFrame *frame, int x, int y, int width, int height,
                               std::uint8_t luma, std::uint8_t cb, std::uint8_t cr) const
{
    // Snap to even coordinates so chroma and luma cover the same area.
    x = std::clamp(x & ~1, 0, m_video.width);
    y = std::clamp(y & ~1, 0, m_video.height);
    const int right = std::clamp((x + width + 1) & ~1, x, m_video.width);
    const int bottom = std::clamp((y + height + 1) & ~1, y, m_video.height);
    for (int row = y; row < bottom; ++row)
        std::memset(frame->data[0] + row * frame->linesize[0] + x, luma, size_t(right - x));
    for (int row = y / 2; row < bottom / 2; ++row) {
        std::memset(frame->data[1] + row * frame->linesize[1] + x / 2, cb, size_t((right - x) / 2));
        std::memset(frame->data[2] + row * frame->linesize[2] + x / 2, cr, size_t((right - x) / 2));
    }
}

void SyntheticSource::renderVideo(AVFrame *frame, qint64 index, const QDateTime &captureTime)
{
    const int width = m_video.width;
    const int height = m_video.height;
    const int fps = m_video.fps;
    const int barsHeight = (height * 2 / 3) & ~1;

    // Scrolling bars: one luma row and one chroma row, copied down the top two thirds.
    const qint64 offset = (index * width / (qint64(fps) * kBarCycleSeconds)) % width;
    std::uint8_t *lumaRow = frame->data[0];
    std::uint8_t *cbRow = frame->data[1];
    std::uint8_t *crRow = frame->data[2];
    for (int x = 0; x < width; ++x) {
        const Yuv &bar = kBars[size_t(((x + offset) % width) * qint64(kBars.size()) / width)];
        lumaRow[x] = bar.y;
        if (x % 2 == 0) {
            cbRow[x / 2] = bar.u;
            crRow[x / 2] = bar.v;
        }
    }
    for (int row = 1; row < barsHeight; ++row)
        std::memcpy(frame->data[0] + row * frame->linesize[0], lumaRow, size_t(width));
    for (int row = 1; row < barsHeight / 2; ++row) {
        std::memcpy(frame->data[1] + row * frame->linesize[1], cbRow, size_t(width / 2));
        std::memcpy(frame->data[2] + row * frame->linesize[2], crRow, size_t(width / 2));
    }

    // Bottom third: a grey ramp with a box bouncing across it.
    for (int row = barsHeight; row < height; ++row)
        std::memcpy(frame->data[0] + row * frame->linesize[0], m_rampRow.data(), size_t(width));
    for (int row = barsHeight / 2; row < height / 2; ++row) {
        std::memset(frame->data[1] + row * frame->linesize[1], 128, size_t(width / 2));
        std::memset(frame->data[2] + row * frame->linesize[2], 128, size_t(width / 2));
    }
    const int box = std::max(8, (height - barsHeight) / 2);
    const qint64 period = qint64(fps) * kBounceSeconds;
    const qint64 phase = index % period;
    const qint64 travel = width - box;
    const qint64 boxX =
        phase < period / 2 ? travel * phase * 2 / period : travel * (period - phase) * 2 / period;
    fillRect(frame, int(boxX), barsHeight + (height - barsHeight - box) / 2, box, box, kOrange.y,
             kOrange.u, kOrange.v);

    // The flash, top right.
    if (isFlashFrame(index, fps)) {
        const int flash = height / 5;
        fillRect(frame, width - flash - height / 20, height / 20, flash, flash, kWhite.y, kWhite.u,
                 kWhite.v);
    }

    // Burned-in text on a black panel, top left.
    const int scale = std::max(2, height / 120);
    const int line = (BitmapFont::kGlyphHeight + 3) * scale;
    const QString lines[] = {
        QStringLiteral("NOVA %1 @ %2").arg(m_video.sizeText()).arg(fps),
        captureTime.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")),
        QStringLiteral("FRAME %1").arg(index, 7, 10, QLatin1Char('0')),
    };
    int panelWidth = 0;
    for (const QString &text : lines)
        panelWidth = std::max(panelWidth, BitmapFont::textWidth(text, scale));
    const int margin = 2 * scale;
    const int left = height / 20;
    const int top = height / 20;
    fillRect(frame, left, top, panelWidth + 2 * margin, 3 * line + margin, kBlack.y, kBlack.u,
             kBlack.v);
    for (int i = 0; i < 3; ++i)
        BitmapFont::draw(frame, left + margin, top + margin + i * line, scale, lines[i]);
}

void SyntheticSource::renderAudio(AVFrame *frame, qint64 firstSample)
{
    constexpr double kTone = 440.0;
    constexpr double kBeep = 1000.0;
    constexpr double kToneLevel = 0.05; // about -26 dBFS: audible, not tiring
    constexpr double kBeepLevel = 0.4;
    const double rate = m_audio.sampleRate;
    for (int i = 0; i < frame->nb_samples; ++i) {
        const qint64 sample = firstSample + i;
        const double t = double(sample % m_audio.sampleRate) / rate; // stays precise for hours
        double value = kToneLevel * std::sin(2.0 * std::numbers::pi * kTone * t);
        if (isBeepSample(sample, m_audio.sampleRate))
            value += kBeepLevel * std::sin(2.0 * std::numbers::pi * kBeep * t);
        for (int channel = 0; channel < m_audio.channels; ++channel)
            reinterpret_cast<float *>(frame->data[channel])[i] = float(value);
    }
}

} // namespace nova
