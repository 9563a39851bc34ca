#pragma once

#include "broadcaster/mixer/audio_mixer.h"
#include "broadcaster/pipeline/broadcast_state.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace nova {

// What a streamer watches while live, measured over the last second.
struct BroadcastStats
{
    BroadcastState state = BroadcastState::Connecting;
    qint64 uptimeMs = 0;
    qint64 framesSent = 0;           // pictures encoded since going live
    qint64 droppedFrames = 0;        // pictures skipped to keep real time (encoding lag)
    qint64 networkDroppedFrames = 0; // encoded pictures not sent: the network could not keep up
    qint64 bytesSent = 0;            // over every connection
    int reconnects = 0;              // connections lost and made again
    int targetFps = 0;
    double fps = 0;
    double bitrateKbps = 0;
    double encodeMsPerFrame = 0; // drawing + encoding one picture
    double cpuPercent = 0;       // the whole process, in % of one core
    // From capture to sent, the longest over the last second of the pictures that carry their
    // capture time (keyframes and one a second); -1 when none went out.
    double captureToSendMs = -1;
    int targetBitrateKbps = 0;      // what the encoder is asked for now
    QString bitrateReason;          // why it is not the chosen one (dynamic bitrate)
    QString sourceProblem;          // why a source gives nothing now; empty when all are well
    QList<AudioMixer::Strip> audio; // the mixer's inputs: mute and level
    QString recordingPath;          // empty when not recording
    qint64 recordedBytes = 0;
    qint64 recordedVideoPackets = 0;
    QString recordingProblem; // why the recording stopped

    // Network drops against every picture encoded, in %.
    double networkDroppedPercent() const;
    QJsonObject toJson() const;
};

} // namespace nova

Q_DECLARE_METATYPE(nova::BroadcastStats)
