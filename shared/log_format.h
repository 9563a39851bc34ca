#pragma once

#include <QString>

namespace nova {

// One line per event on stderr: "2026-11-22T09:30:00.125Z INFO  nova.hooks: publish accepted ...".
// `level` is debug, info, warning or error; Qt's own categories stay at warning and above.
void installLogFormat(const QString &level);

} // namespace nova
