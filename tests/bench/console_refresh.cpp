// console_refresh: the GUI-thread cost of refreshing every dashboard panel for a 1 h range, and
// the console's memory over repeated refreshes (docs/PERFORMANCE.md, "Console").
//
//   QT_QPA_PLATFORM=offscreen console_refresh --api URL --prometheus URL [--refreshes 360]
//
// Live: the dashboard refreshes from the stack's Prometheus and API, one refresh after the other;
// each one's GUI-thread CPU time is counted from refresh() until every answer is drawn and the
// window repainted. Dense: every chart fed a full hour at one point per pixel (what a platform
// with an hour of history returns), drawn and repainted. Prints one JSON line per phase.

#include "console/alerts/alert_table_model.h"
#include "console/dashboard/platform_dashboard.h"
#include "console/panels/stat_panel.h"
#include "console/panels/time_series_panel.h"
#include "console/prometheus/prometheus_client.h"
#include "console/prometheus/query_step.h"
#include "console/streams/stream_table_model.h"
#include "shared/api_client.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollArea>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <vector>

namespace {

double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
}

long rssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return -1;
}

QJsonObject summary(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) {
        return ms.empty() ? 0.0 : ms[size_t(q * double(ms.size() - 1))];
    };
    return {{QStringLiteral("refreshes"), qint64(ms.size())},
            {QStringLiteral("gui_ms_p50"), std::round(at(0.5) * 10) / 10},
            {QStringLiteral("gui_ms_p95"), std::round(at(0.95) * 10) / 10},
            {QStringLiteral("gui_ms_max"), std::round(at(1.0) * 10) / 10}};
}

void print(const QJsonObject &object)
{
    std::printf("%s\n", QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("api"), QStringLiteral("nova-server URL"), QStringLiteral("URL")},
         {QStringLiteral("prometheus"), QStringLiteral("Prometheus URL"), QStringLiteral("URL")},
         {QStringLiteral("refreshes"),
          QStringLiteral("Live refreshes (default 360: an hour at 10 s)"), QStringLiteral("N"),
          QStringLiteral("360")}});
    parser.process(app);
    const int refreshes = std::max(parser.value(QStringLiteral("refreshes")).toInt(), 2);

    nova::ApiClient api(QUrl(parser.value(QStringLiteral("api"))), {});
    nova::PrometheusClient prometheus(QUrl(parser.value(QStringLiteral("prometheus"))));
    nova::StreamTableModel streams;
    nova::AlertTableModel alerts;
    nova::DashboardFeed feed(prometheus, api, streams, alerts);
    auto *dashboard = new nova::PlatformDashboard(feed);
    QScrollArea window;
    window.setWidgetResizable(true);
    window.setWidget(dashboard);
    window.resize(1600, 1000);
    window.show();
    dashboard->setTimeRange(nova::TimeRange::last(nova::TimeRange::Preset::LastHour));
    {
        QEventLoop settle;
        QObject::connect(dashboard, &nova::PlatformDashboard::refreshed, &settle,
                         &QEventLoop::quit);
        settle.exec();
    }
    // The stream list feeds the per-stream viewer lines, as in the console.
    {
        QEventLoop loaded;
        api.streams(QStringLiteral("active")).then(&loaded, [&](QList<nova::Stream> list) {
            streams.setStreams(list);
            loaded.quit();
        });
        loaded.exec();
    }

    // Live.
    std::vector<double> live;
    const long rssBefore = rssKb();
    long rssHalf = 0;
    qsizetype points = 0;
    for (int i = 0; i < refreshes; ++i) {
        QEventLoop loop;
        QObject::connect(dashboard, &nova::PlatformDashboard::refreshed, &loop, &QEventLoop::quit);
        const double start = threadCpuMs();
        dashboard->refresh();
        loop.exec();
        window.grab(); // the repaint is GUI-thread work too
        live.push_back(threadCpuMs() - start);
        if (i == refreshes / 2)
            rssHalf = rssKb();
    }
    for (nova::TimeSeriesPanel *panel : dashboard->charts()) {
        for (const nova::ChartSeries &series : panel->series())
            points += series.points.size();
    }
    QJsonObject liveReport = summary(live);
    liveReport.insert(QStringLiteral("phase"), QStringLiteral("live 1h"));
    liveReport.insert(QStringLiteral("points_drawn"), qint64(points));
    liveReport.insert(QStringLiteral("rss_kb_first"), qint64(rssBefore));
    liveReport.insert(QStringLiteral("rss_kb_half"), qint64(rssHalf));
    liveReport.insert(QStringLiteral("rss_kb_last"), qint64(rssKb()));
    print(liveReport);

    // Dense: a full hour at one point per pixel in every chart.
    const QDateTime to = QDateTime::currentDateTimeUtc();
    const QDateTime from = to.addSecs(-3600);
    std::vector<double> dense;
    qsizetype densePoints = 0;
    for (int i = 0; i < 50; ++i) {
        const double start = threadCpuMs();
        densePoints = 0;
        for (nova::TimeSeriesPanel *panel : dashboard->charts()) {
            const auto step = nova::QueryStep::forRange(std::chrono::seconds(3600), panel->width(),
                                                        std::chrono::seconds(1));
            QList<nova::ChartSeries> series;
            for (int s = 0; s < 3; ++s) {
                nova::ChartSeries one{QStringLiteral("series %1").arg(s), {}};
                for (qint64 t = from.toMSecsSinceEpoch(); t <= to.toMSecsSinceEpoch();
                     t += step.count() * 1000)
                    one.points.append(
                        QPointF(double(t), 10 + s + 5 * std::sin(double(t + i) / 6e4)));
                densePoints += one.points.size();
                series.append(one);
            }
            panel->setSeries(series, from, to);
        }
        window.grab();
        dense.push_back(threadCpuMs() - start);
    }
    QJsonObject denseReport = summary(dense);
    denseReport.insert(QStringLiteral("phase"), QStringLiteral("dense 1h, 3 series a chart"));
    denseReport.insert(QStringLiteral("points_drawn"), qint64(densePoints));
    denseReport.insert(QStringLiteral("rss_kb_last"), qint64(rssKb()));
    print(denseReport);
    return 0;
}
