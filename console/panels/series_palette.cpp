#include "console/panels/series_palette.h"

#include <array>

namespace nova::SeriesPalette {

QColor color(int index)
{
    static constexpr std::array<QRgb, 8> kColors{0x1f77b4, 0x2ca02c, 0xff7f0e, 0x9467bd,
                                                 0x17becf, 0x8c564b, 0xe377c2, 0x7f7f7f};
    return QColor::fromRgb(kColors[std::size_t(std::max(index, 0)) % kColors.size()]);
}

} // namespace nova::SeriesPalette
