#pragma once

#include <QByteArray>
#include <QUuid>

namespace nova {

// Every Redis key and channel Nova uses, in one place. Per-stream keys share the hash tag {id}, so
// that a stream's scripts touch one slot.
struct RedisKeys
{
    static QByteArray eventsChannel() { return QByteArrayLiteral("nova:events"); }
    static QByteArray viewedStreams() { return QByteArrayLiteral("nova:viewed"); }

    static QByteArray seq(const QUuid &id) { return stream(id, "seq"); }
    static QByteArray events(const QUuid &id) { return stream(id, "events"); }
    static QByteArray relayed(const QUuid &id) { return stream(id, "relayed"); }
    static QByteArray viewers(const QUuid &id) { return stream(id, "viewers"); }
    static QByteArray peak(const QUuid &id) { return stream(id, "peak"); }
    static QByteArray lastCount(const QUuid &id) { return stream(id, "count"); }
    static QByteArray countGate(const QUuid &id) { return stream(id, "gate"); }
    static QByteArray probeLease(const QUuid &id) { return stream(id, "probe"); }

private:
    static QByteArray stream(const QUuid &id, const char *what)
    {
        return "nova:stream:{" + id.toByteArray(QUuid::WithoutBraces) + "}:" + what;
    }
};

} // namespace nova
