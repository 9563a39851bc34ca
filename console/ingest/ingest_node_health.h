#pragma once

#include <QList>
#include <QString>

namespace nova {

struct PrometheusResult;

// How one ingest node is, as the replicas' readings of its /stat say.
struct IngestNodeHealth
{
    QString node;
    bool up = false;
    int streams = 0;

    friend bool operator==(const IngestNodeHealth &, const IngestNodeHealth &) = default;

    // From the answers to PlatformQueries::ingestNodesUp() and ingestNodeStreams(), by node name.
    static QList<IngestNodeHealth> fromResults(const PrometheusResult &up,
                                               const PrometheusResult &streams);
};

} // namespace nova
