#pragma once

#include <QString>
#include <QUrl>

namespace nova::test {

// Where the stack that nova-stack started lives: from the environment (nova-stack test exports
// .nova/env), else read from the checkout's .nova/env, so that `ctest -L integration` works after
// `nova-stack up` too. Missing settings fail the test loudly rather than skip it.
struct StackEnv
{
    QUrl apiUrl;
    QList<QUrl> apiUrls;
    QString rtmpUrl;
    QUrl hlsUrl;
    QUrl nginxUrl;
    QUrl prometheusUrl;
    QString adminToken;
    QString stateDir;
    QString buildDir;
    QString databaseUrl; // for a test that runs a nova-server of its own against the stack
    QString redisUrl;
    int reconnectGraceSeconds = 0; // how long the stack's servers wait for a lost publisher
    int hlsSegmentSeconds = 0;     // the ladder's target segment length

    static const StackEnv &get();
    // A human-readable reason when the stack's settings are missing; empty when complete.
    static QString problem();
};

} // namespace nova::test
