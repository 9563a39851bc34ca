#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace nova {

// What a watch page tells about its viewer every few seconds (POST /streams/{id}/viewers):
//   {"viewer": ID, "rendition": "480p", "latency_ms": 2350, "stalls": 0, "startup_ms": 410,
//    "leaving": false}
// Everything but `viewer` may be left out. parse() throws ApiError 400 on anything else: code
// invalid_json, unknown_field or invalid_field for a malformed report, out_of_range for values no
// player measures (so that they never reach the histograms).
struct ViewerReport
{
    static constexpr double kMaxLatencySeconds = 120;
    static constexpr double kMaxStartupSeconds = 120;
    static constexpr int kMaxStalls = 1000; // since the page's previous report

    QByteArray viewer;                    // ViewerPresence::isViewerId()
    QString rendition;                    // "source" or a height ("480p"); empty when not said
    std::optional<double> latencySeconds; // glass to glass, from the capture clock in the picture
    int stalls = 0;                       // since the previous report
    std::optional<double> startupSeconds; // once, in the first report after the first picture
    bool leaving = false;                 // the page is closing

    static ViewerReport parse(const QByteArray &body);
};

} // namespace nova
