#pragma once

#include <QStringView>

#include <array>
#include <cstdint>

struct AVFrame;

namespace nova {

// A 5x7 pixel font drawn straight into YUV 4:2:0 planes: cheap enough to stamp the clock and frame
// number onto every frame, with no font files or QGuiApplication. Upper case, digits, ": . - / @".
class BitmapFont
{
public:
    static constexpr int kGlyphWidth = 5;
    static constexpr int kGlyphHeight = 7;
    static constexpr int kAdvance = kGlyphWidth + 1; // in font pixels

    // Width in picture pixels of `text` at `scale` picture pixels per font pixel.
    static int textWidth(QStringView text, int scale)
    {
        return int(text.size()) * kAdvance * scale;
    }

    // White text at (x, y), top-left, on whatever is there; clipped to the picture.
    static void draw(AVFrame *frame, int x, int y, int scale, QStringView text);

private:
    static const std::array<std::uint8_t, kGlyphHeight> &glyph(QChar c);
};

} // namespace nova
