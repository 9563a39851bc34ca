#include "server/memory/freed_memory.h"

#include <QElapsedTimer>
#include <QFile>

#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace nova {

std::int64_t residentBytes()
{
    // statm: total and resident size, in pages.
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    if (fields.size() < 2)
        return 0;
    return fields.at(1).toLongLong() * sysconf(_SC_PAGESIZE);
}

ReturnedMemory returnFreedMemory()
{
    ReturnedMemory result;
#if defined(__GLIBC__)
    result.supported = true;
    result.residentBefore = residentBytes();
    QElapsedTimer timer;
    timer.start();
    malloc_trim(0);
    result.took = std::chrono::microseconds(timer.nsecsElapsed() / 1000);
    result.residentAfter = residentBytes();
#endif
    return result;
}

} // namespace nova
