#include "console/dashboard/chart_annotations.h"

#include "console/prometheus/prometheus_result.h"

#include <QCoreApplication>

namespace nova::ChartAnnotations {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ChartAnnotations", text);
}

// "NovaReplicaDown (127.0.0.1:8082)": the alert and what tells its instances apart.
QString alertName(const QMap<QString, QString> &labels)
{
    const QString name = labels.value(QStringLiteral("alertname"));
    for (const char *key : {"instance", "node", "rendition"}) {
        const QString value = labels.value(QLatin1StringView(key));
        if (!value.isEmpty())
            return QStringLiteral("%1 (%2)").arg(name, value);
    }
    return name;
}
} // namespace

QList<ChartMarker> ofStreams(const QList<Stream> &streams, const QDateTime &from,
                             const QDateTime &to)
{
    QList<ChartMarker> markers;
    const auto within = [&](const QDateTime &time) {
        return time.isValid() && time >= from && time <= to;
    };
    for (const Stream &stream : streams) {
        if (within(stream.startedAt))
            markers.append({double(stream.startedAt.toMSecsSinceEpoch()),
                            ChartMarker::Kind::StreamStarted,
                            tr("Stream started: %1").arg(stream.title)});
        if (within(stream.endedAt))
            markers.append({double(stream.endedAt.toMSecsSinceEpoch()),
                            ChartMarker::Kind::StreamEnded,
                            tr("Stream ended: %1").arg(stream.title)});
    }
    return markers;
}

QList<ChartMarker> ofAlerts(const PrometheusResult &firing, std::chrono::seconds step,
                            const QDateTime &to)
{
    QList<ChartMarker> markers;
    const double stepMs = double(std::chrono::milliseconds(step).count());
    const double end = double(to.toMSecsSinceEpoch());
    for (const PrometheusSeries &series : firing.series) {
        if (series.points.isEmpty())
            continue;
        const QString name = alertName(series.labels);
        double runStart = series.points.first().x();
        double previous = runStart;
        const auto closeRun = [&](double last, bool resolved) {
            markers.append({runStart, ChartMarker::Kind::AlertFired, tr("%1 fired").arg(name)});
            if (resolved)
                markers.append(
                    {last + stepMs, ChartMarker::Kind::AlertResolved, tr("%1 resolved").arg(name)});
        };
        for (qsizetype i = 1; i < series.points.size(); ++i) {
            const double x = series.points.at(i).x();
            if (x - previous > 1.5 * stepMs) { // a gap: it resolved, then fired again
                closeRun(previous, true);
                runStart = x;
            }
            previous = x;
        }
        closeRun(previous, end - previous > 1.5 * stepMs);
    }
    std::sort(markers.begin(), markers.end(),
              [](const ChartMarker &a, const ChartMarker &b) { return a.x < b.x; });
    return markers;
}

} // namespace nova::ChartAnnotations
