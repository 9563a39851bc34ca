#pragma once

#include "console/prometheus/prometheus_result.h"

#include <QDateTime>
#include <QFuture>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <chrono>

namespace nova {

// Asynchronous client of Prometheus's HTTP API (/api/v1/query, /query_range, /alerts). Every call
// returns a future holding the decoded result, or failing with a PrometheusError (its own error
// envelope, an HTTP failure, a timeout, an unreadable answer). Lives on, and answers in, the
// thread that created it; never blocks it.
class PrometheusClient : public QObject
{
    Q_OBJECT

public:
    explicit PrometheusClient(QUrl baseUrl, QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    const QUrl &baseUrl() const { return m_baseUrl; }
    bool reachable() const { return m_reachable; }
    const QString &lastProblem() const { return m_lastProblem; }

    QFuture<PrometheusResult> query(const QString &promql);
    QFuture<PrometheusResult> queryRange(const QString &promql, const QDateTime &from,
                                         const QDateTime &to, std::chrono::seconds step);
    QFuture<QList<PrometheusAlert>> alerts();

signals:
    // Each answer (or its absence) tells whether Prometheus is there; emitted on change.
    void reachabilityChanged(bool reachable, const QString &problem);

private:
    template<typename Result, typename Parse>
    QFuture<Result> get(const QString &path, const QUrlQuery &query, Parse parse);
    void noteOutcome(const PrometheusError *error);

    QNetworkAccessManager m_network;
    QUrl m_baseUrl;
    std::chrono::milliseconds m_timeout{10'000};
    bool m_reachable = false;
    bool m_known = false;
    QString m_lastProblem;
};

} // namespace nova
