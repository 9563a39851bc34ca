#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QUuid>

#include <optional>

namespace nova {

// A live event as it travels between replicas: its JSON (serialised once, by whoever published
// it) and what the hub needs to route and order it.
struct BusEvent
{
    QUuid streamId;
    qint64 seq = 0;
    QString name;
    QByteArray json;

    // nullopt unless `json` is a LiveEvent.
    static std::optional<BusEvent> fromJson(const QByteArray &json);
};

} // namespace nova

Q_DECLARE_METATYPE(nova::BusEvent)
