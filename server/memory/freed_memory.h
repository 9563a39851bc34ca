#pragma once

#include <chrono>
#include <cstdint>

namespace nova {

// What one hand-back of freed memory did: resident memory before and after, and how long it took.
struct ReturnedMemory
{
    bool supported = false; // false where the allocator has no way to do it (not glibc)
    std::int64_t residentBefore = 0;
    std::int64_t residentAfter = 0;
    std::chrono::microseconds took{0};

    std::int64_t returned() const { return residentBefore - residentAfter; }
};

// This process's resident memory in bytes (0 where /proc is not there).
std::int64_t residentBytes();

// glibc keeps what a thread frees in that thread's arena, and gives back to the system only the
// free space at an arena's top. Events received on one thread and freed on another leave holes in
// the middle that it keeps for good, so a server's resident memory climbs with every burst and
// never comes down. This returns the free pages of every arena to the system (malloc_trim).
ReturnedMemory returnFreedMemory();

} // namespace nova
