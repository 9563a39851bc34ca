#pragma once

#include <QObject>
#include <QSocketNotifier>

#include <memory>

struct redisAsyncContext;

namespace nova {

// Drives a hiredis async context from the Qt event loop with socket notifiers. hiredis 0.14's own
// Qt adapter uses the Qt 5 activated(int) signal, which Qt 6 no longer has, so it cannot be used.
class RedisEventAdapter : public QObject
{
    Q_OBJECT

public:
    // Hooks itself into `context`; hiredis calls cleanup() when it frees the context.
    RedisEventAdapter(redisAsyncContext *context, QObject *parent = nullptr);
    ~RedisEventAdapter() override;

private:
    static void addRead(void *self);
    static void delRead(void *self);
    static void addWrite(void *self);
    static void delWrite(void *self);
    static void cleanup(void *self);

    redisAsyncContext *m_context;
    std::unique_ptr<QSocketNotifier> m_read;
    std::unique_ptr<QSocketNotifier> m_write;
};

} // namespace nova
