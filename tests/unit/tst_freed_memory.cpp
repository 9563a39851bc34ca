// returnFreedMemory: memory freed in the middle of a thread's arena, which glibc otherwise keeps
// for good, goes back to the system, and resident memory shows it.

#include "server/memory/freed_memory.h"

#include <QTest>

#include <cstring>
#include <memory>
#include <thread>
#include <vector>

using nova::residentBytes;
using nova::ReturnedMemory;
using nova::returnFreedMemory;

namespace {
constexpr std::int64_t kMiB = 1024 * 1024;

// The server's pattern: a burst of small blocks made on one thread, most of them freed, a few kept
// (what is still live), so that no arena's top is free and nothing is handed back by itself.
std::vector<std::unique_ptr<char[]>> leaveHolesInAnArena(std::int64_t bytes)
{
    constexpr int kBlock = 2048;
    std::vector<std::unique_ptr<char[]>> kept;
    std::thread worker([&] {
        std::vector<std::unique_ptr<char[]>> all(bytes / kBlock);
        for (auto &block : all) {
            block = std::make_unique<char[]>(kBlock);
            std::memset(block.get(), 0x5a, kBlock);
        }
        for (std::size_t i = 0; i < all.size(); i += 32)
            kept.push_back(std::move(all[i]));
    });
    worker.join();
    return kept;
}
} // namespace

class TestFreedMemory : public QObject
{
    Q_OBJECT

private slots:
    void residentMemoryIsRead() { QVERIFY(residentBytes() > kMiB); }

    void freedMemoryGoesBackToTheSystem()
    {
#if !defined(__GLIBC__)
        QSKIP("glibc's allocator only");
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
        QSKIP("a sanitizer's allocator stands in for glibc's");
#endif
        const std::int64_t before = residentBytes();
        const auto kept = leaveHolesInAnArena(256 * kMiB);
        const std::int64_t holding = residentBytes();
        QVERIFY2(holding - before > 192 * kMiB,
                 qPrintable(QStringLiteral("freed blocks still resident: %1 MiB of 256")
                                .arg((holding - before) / kMiB)));

        const ReturnedMemory memory = returnFreedMemory();
        QVERIFY(memory.supported);
        // A block in 32 is kept, so at most 8 MiB of pages stay.
        QVERIFY2(memory.returned() > 192 * kMiB,
                 qPrintable(QStringLiteral("returned %1 MiB").arg(memory.returned() / kMiB)));
        QVERIFY(residentBytes() < holding - 192 * kMiB);
        QCOMPARE(kept.front()[0], char(0x5a)); // what is live stays
    }
};

QTEST_GUILESS_MAIN(TestFreedMemory)
#include "tst_freed_memory.moc"
