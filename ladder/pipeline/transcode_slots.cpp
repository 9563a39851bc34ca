#include "ladder/pipeline/transcode_slots.h"

#include <QDir>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace nova {

TranscodeSlots::TranscodeSlots(QString directory, int count)
    : m_directory(std::move(directory))
    , m_count(count)
{}

TranscodeSlots::~TranscodeSlots()
{
    release();
}

bool TranscodeSlots::take(QString *error)
{
    if (held())
        return true;
    if (!QDir().mkpath(m_directory)) {
        *error = QStringLiteral("cannot make %1 for the transcoding slots").arg(m_directory);
        return false;
    }
    for (int slot = 0; slot < m_count; ++slot) {
        const QByteArray path =
            QStringLiteral("%1/slot-%2").arg(m_directory).arg(slot).toLocal8Bit();
        const int fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) {
            *error = QStringLiteral("cannot open %1: %2")
                         .arg(QString::fromLocal8Bit(path),
                              QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            m_fd = fd;
            m_slot = slot;
            return true;
        }
        ::close(fd); // taken by another ladder
    }
    return false;
}

void TranscodeSlots::release()
{
    if (m_fd >= 0)
        ::close(m_fd); // and with it the lock
    m_fd = -1;
    m_slot = -1;
}

} // namespace nova
