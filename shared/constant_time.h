#pragma once

#include <QByteArrayView>

namespace nova {

// Compares what a client presented with a secret without an early exit: the time taken depends
// only on the presented length, never on where the two differ nor on the secret's own length.
bool constantTimeEquals(QByteArrayView presented, QByteArrayView secret);

} // namespace nova
