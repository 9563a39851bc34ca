#pragma once

#include <QByteArrayView>

namespace nova {

// Compares two secrets without an early exit, so timing says nothing about where they differ.
// Lengths are not treated as secret (tokens and hashes have fixed lengths).
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace nova
