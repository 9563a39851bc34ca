#include "console/prometheus/prometheus_client.h"

#include "console/prometheus/prometheus_response.h"

#include <QNetworkReply>
#include <QPromise>
#include <QUrlQuery>

#include <memory>

namespace nova {

namespace {
QString unixSeconds(const QDateTime &time)
{
    return QString::number(double(time.toMSecsSinceEpoch()) / 1000.0, 'f', 3);
}
} // namespace

PrometheusClient::PrometheusClient(QUrl baseUrl, QObject *parent)
    : QObject(parent)
    , m_baseUrl(std::move(baseUrl))
{}

QFuture<PrometheusResult> PrometheusClient::query(const QString &promql)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("query"), promql);
    return get<PrometheusResult>(QStringLiteral("/api/v1/query"), query,
                                 &PrometheusResponse::parseQuery);
}

QFuture<PrometheusResult> PrometheusClient::queryRange(const QString &promql, const QDateTime &from,
                                                       const QDateTime &to,
                                                       std::chrono::seconds step)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("query"), promql);
    query.addQueryItem(QStringLiteral("start"), unixSeconds(from));
    query.addQueryItem(QStringLiteral("end"), unixSeconds(to));
    query.addQueryItem(QStringLiteral("step"), QString::number(step.count()));
    return get<PrometheusResult>(QStringLiteral("/api/v1/query_range"), query,
                                 &PrometheusResponse::parseQuery);
}

QFuture<QList<PrometheusAlert>> PrometheusClient::alerts()
{
    return get<QList<PrometheusAlert>>(QStringLiteral("/api/v1/alerts"), {},
                                       &PrometheusResponse::parseAlerts);
}

template<typename Result, typename Parse>
QFuture<Result> PrometheusClient::get(const QString &path, const QUrlQuery &query, Parse parse)
{
    QUrl url = m_baseUrl;
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + path);
    // Encoded by hand: QUrlQuery leaves '+' alone, and Prometheus would read it as a space.
    QByteArray encoded;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!encoded.isEmpty())
            encoded += '&';
        encoded += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    if (!encoded.isEmpty())
        url.setQuery(QString::fromLatin1(encoded), QUrl::StrictMode);

    QNetworkRequest request(url);
    request.setTransferTimeout(int(m_timeout.count()));
    request.setRawHeader("Accept", "application/json");

    auto promise = std::make_shared<QPromise<Result>>();
    promise->start();
    QNetworkReply *reply = m_network.get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, promise, parse] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        std::variant<Result, PrometheusError> outcome = PrometheusError{};
        if (status == 0) {
            const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError ||
                                  reply->error() == QNetworkReply::TimeoutError;
            outcome = PrometheusError{
                timedOut ? QStringLiteral("timeout") : QStringLiteral("unreachable"),
                timedOut ? QStringLiteral("Prometheus did not answer within %1 s")
                               .arg(double(m_timeout.count()) / 1000.0)
                         : QStringLiteral("cannot reach Prometheus at %1: %2")
                               .arg(m_baseUrl.toString(), reply->errorString()),
                0};
        } else {
            outcome = parse(reply->readAll(), status);
        }
        if (auto *error = std::get_if<PrometheusError>(&outcome)) {
            // Prometheus's own error envelope (a bad query) still means it is there.
            noteOutcome(error->httpStatus == 0 || error->httpStatus >= 500 ? error : nullptr);
            promise->setException(std::make_exception_ptr(*error));
        } else {
            noteOutcome(nullptr);
            promise->addResult(std::move(std::get<Result>(outcome)));
        }
        promise->finish();
    });
    return promise->future();
}

void PrometheusClient::noteOutcome(const PrometheusError *error)
{
    const bool reachable = error == nullptr;
    const QString problem = error ? error->describe() : QString();
    if (m_known && reachable == m_reachable && problem == m_lastProblem)
        return;
    m_known = true;
    m_reachable = reachable;
    m_lastProblem = problem;
    emit reachabilityChanged(reachable, problem);
}

} // namespace nova
