#pragma once

#include <QString>

namespace nova {

// How many live streams on this machine get renditions at once: a slot is a file in a folder of
// the machine's own, locked (flock) by the ladder that holds it. The kernel frees a lock with its
// process, so a ladder that dies never keeps a slot. First come, first served: a stream that found
// every slot taken is served as its source alone, and asks again now and then.
class TranscodeSlots
{
public:
    // `count` <= 0: no limit, every stream gets its renditions.
    TranscodeSlots(QString directory, int count);
    ~TranscodeSlots();
    TranscodeSlots(const TranscodeSlots &) = delete;
    TranscodeSlots &operator=(const TranscodeSlots &) = delete;

    // Takes a free slot, held until release() or the end of this object; false when all are
    // taken (or, with `error`, when the folder cannot be used).
    bool take(QString *error);
    void release();
    bool held() const { return m_fd >= 0 || m_count <= 0; }
    int count() const { return m_count; }
    int slot() const { return m_slot; } // the one held, -1 for none

private:
    QString m_directory;
    int m_count;
    int m_fd = -1;
    int m_slot = -1;
};

} // namespace nova
