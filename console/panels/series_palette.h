#pragma once

#include <QColor>

namespace nova {

// Colours for the lines of a chart, distinct from each other and from the red of thresholds.
namespace SeriesPalette {
QColor color(int index);
} // namespace SeriesPalette

} // namespace nova
