// libFuzzer: text frames from WebSocket clients, and events as they arrive from the bus.
#include "server/cache/bus_event.h"
#include "server/hub/client_message.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const nova::ClientMessage message = nova::ClientMessage::parse(bytes);
    if (message.kind == nova::ClientMessage::Kind::Invalid && message.error.isEmpty())
        __builtin_trap(); // every refusal says why
    if (message.kind == nova::ClientMessage::Kind::Replay && message.since < 0)
        __builtin_trap();
    if (const auto event = nova::BusEvent::fromJson(bytes); event && event->seq < 1)
        __builtin_trap();
    return 0;
}
