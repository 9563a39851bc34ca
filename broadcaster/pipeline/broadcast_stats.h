#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace nova {

// What a streamer watches while live, measured over the last second.
struct BroadcastStats
{
    qint64 uptimeMs = 0;
    qint64 framesSent = 0;    // since going live
    qint64 droppedFrames = 0; // pictures skipped to keep real time
    qint64 bytesSent = 0;
    double fps = 0;
    double bitrateKbps = 0;
    double encodeMsPerFrame = 0; // drawing + encoding one picture

    QJsonObject toJson() const;
};

} // namespace nova

Q_DECLARE_METATYPE(nova::BroadcastStats)
