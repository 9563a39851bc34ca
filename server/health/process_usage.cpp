#include "server/health/process_usage.h"

#include <QFile>

#include <sys/resource.h>
#include <unistd.h>

namespace nova {

std::optional<ProcessUsage> ProcessUsage::now()
{
    // statm: size resident shared ... in pages.
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    bool ok = false;
    const double pages = fields.size() > 1 ? fields.at(1).toDouble(&ok) : 0;
    rusage usage{};
    if (!ok || getrusage(RUSAGE_SELF, &usage) != 0)
        return std::nullopt;
    const auto seconds = [](const timeval &t) { return double(t.tv_sec) + t.tv_usec / 1e6; };
    return ProcessUsage{pages * double(sysconf(_SC_PAGESIZE)),
                        seconds(usage.ru_utime) + seconds(usage.ru_stime)};
}

} // namespace nova
