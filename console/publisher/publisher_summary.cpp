#include "console/publisher/publisher_summary.h"

#include "console/format/display_format.h"

#include <QCoreApplication>
#include <QStringList>

namespace nova {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("PublisherSummary", text);
}

QString channels(int count)
{
    switch (count) {
    case 1:
        return tr("mono");
    case 2:
        return tr("stereo");
    default:
        return tr("%1 channels").arg(count);
    }
}
} // namespace

PublisherSummary PublisherSummary::of(const PublisherDetails &details)
{
    const PublisherDetails::Video &video = details.video;
    QStringList v{QStringList{video.codec, video.profile}.join(u' ').trimmed()};
    if (video.width > 0 && video.height > 0)
        v.append(QStringLiteral("%1×%2").arg(video.width).arg(video.height));
    if (video.fps)
        v.append(tr("%1 fps").arg(*video.fps, 0, 'g', 4));
    v.append(video.keyframeIntervalS
                 ? tr("keyframe every %1 s").arg(*video.keyframeIntervalS, 0, 'f', 1)
                 : tr("keyframe interval not measured yet"));
    v.removeAll(QString());

    PublisherSummary summary;
    summary.video = v.join(QStringLiteral(" · "));
    if (details.audio)
        summary.audio = QStringList{details.audio->codec,
                                    tr("%1 kHz").arg(details.audio->sampleRate / 1000.0, 0, 'g', 4),
                                    channels(details.audio->channels)}
                            .join(QStringLiteral(" · "));
    else
        summary.audio = tr("no sound");
    summary.connection =
        tr("%1 from %2 via %3")
            .arg(DisplayFormat::bitrate(details.bitrateKbps),
                 details.address.isEmpty() ? tr("an unknown address") : details.address,
                 details.ingest);
    return summary;
}

} // namespace nova
