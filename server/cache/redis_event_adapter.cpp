#include "server/cache/redis_event_adapter.h"

#include <hiredis/async.h>

namespace nova {

RedisEventAdapter::RedisEventAdapter(redisAsyncContext *context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    m_context->ev.data = this;
    m_context->ev.addRead = &RedisEventAdapter::addRead;
    m_context->ev.delRead = &RedisEventAdapter::delRead;
    m_context->ev.addWrite = &RedisEventAdapter::addWrite;
    m_context->ev.delWrite = &RedisEventAdapter::delWrite;
    m_context->ev.cleanup = &RedisEventAdapter::cleanup;
}

RedisEventAdapter::~RedisEventAdapter()
{
    if (m_context)
        m_context->ev.data = nullptr;
}

void RedisEventAdapter::addRead(void *self)
{
    auto *adapter = static_cast<RedisEventAdapter *>(self);
    if (!adapter || adapter->m_read)
        return;
    adapter->m_read =
        std::make_unique<QSocketNotifier>(adapter->m_context->c.fd, QSocketNotifier::Read);
    connect(adapter->m_read.get(), &QSocketNotifier::activated, adapter, [adapter] {
        if (adapter->m_context)
            redisAsyncHandleRead(adapter->m_context);
    });
}

namespace {
// hiredis may drop a notifier from inside that notifier's own activated() signal: retire it
// instead of deleting it under the emitter.
void retire(std::unique_ptr<QSocketNotifier> &notifier)
{
    if (!notifier)
        return;
    notifier->setEnabled(false);
    notifier.release()->deleteLater();
}
} // namespace

void RedisEventAdapter::delRead(void *self)
{
    if (auto *adapter = static_cast<RedisEventAdapter *>(self))
        retire(adapter->m_read);
}

void RedisEventAdapter::addWrite(void *self)
{
    auto *adapter = static_cast<RedisEventAdapter *>(self);
    if (!adapter || adapter->m_write)
        return;
    adapter->m_write =
        std::make_unique<QSocketNotifier>(adapter->m_context->c.fd, QSocketNotifier::Write);
    connect(adapter->m_write.get(), &QSocketNotifier::activated, adapter, [adapter] {
        if (adapter->m_context)
            redisAsyncHandleWrite(adapter->m_context);
    });
}

void RedisEventAdapter::delWrite(void *self)
{
    if (auto *adapter = static_cast<RedisEventAdapter *>(self))
        retire(adapter->m_write);
}

void RedisEventAdapter::cleanup(void *self)
{
    auto *adapter = static_cast<RedisEventAdapter *>(self);
    if (!adapter)
        return;
    // The context is being freed: stop watching its socket and forget it.
    retire(adapter->m_read);
    retire(adapter->m_write);
    adapter->m_context = nullptr;
    adapter->deleteLater();
}

} // namespace nova
