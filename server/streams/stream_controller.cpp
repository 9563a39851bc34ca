#include "server/streams/stream_controller.h"

#include "server/auth/authenticator.h"
#include "server/auth/write_limiter.h"
#include "server/http/json_body.h"
#include "server/http/page_limit.h"
#include "server/http/router.h"
#include "server/streams/history_query.h"
#include "server/streams/stream_id.h"
#include "server/streams/stream_service.h"
#include "shared/api_error.h"
#include "shared/qt_compat.h"
#include "shared/rfc3339.h"
#include "shared/stream_json.h"

#include <QJsonArray>

#include <cmath>

namespace nova {

namespace {

struct ListQuery
{
    std::optional<StreamStatus> status;
    bool mine = false; // owner=me: the caller's own streams
    int limit = StreamController::kDefaultPageSize;
    std::optional<StreamPageCursor> after;
};

ApiError invalidQuery(const QString &message)
{
    return ApiError::badRequest(message, QStringLiteral("invalid_query"));
}

ListQuery parseListQuery(const QUrlQuery &query)
{
    ListQuery parsed;
    const QString status = query.queryItemValue(QStringLiteral("status"), QUrl::FullyDecoded);
    if (!status.isEmpty() && status.compare(u"all", Qt::CaseInsensitive) != 0) {
        parsed.status = parseStreamStatus(status);
        if (!parsed.status)
            throw invalidQuery(QStringLiteral("'status' must be one of active, pending, "
                                              "completed, failed, all"));
    }
    if (query.hasQueryItem(QStringLiteral("owner"))) {
        if (query.queryItemValue(QStringLiteral("owner")) != u"me")
            throw invalidQuery(QStringLiteral("'owner' must be 'me'"));
        parsed.mine = true;
    }
    parsed.limit =
        pageLimit(query, StreamController::kDefaultPageSize, StreamController::kMaxPageSize);
    if (query.hasQueryItem(QStringLiteral("cursor"))) {
        parsed.after = StreamPageCursor::decode(
            query.queryItemValue(QStringLiteral("cursor"), QUrl::FullyDecoded));
        if (!parsed.after)
            throw invalidQuery(QStringLiteral("'cursor' is not one this server handed out"));
    }
    return parsed;
}

} // namespace

StreamController::StreamController(StreamService &service, const Authenticator &auth,
                                   WriteLimiter &writes, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_auth(auth)
    , m_writes(writes)
{}

void StreamController::registerRoutes(Router &router)
{
    using M = Router::Method;
    router.add(M::Post, QStringLiteral("/api/v1/streams"),
               [this](const HttpRequest &rq, HttpReply &rp) { create(rq, rp); });
    router.add(M::Get, QStringLiteral("/api/v1/streams"),
               [this](const HttpRequest &rq, HttpReply &rp) { list(rq, rp); });
    router.add(M::Get, QStringLiteral("/api/v1/streams/{id}"),
               [this](const HttpRequest &rq, HttpReply &rp) { get(rq, rp); });
    router.add(M::Delete, QStringLiteral("/api/v1/streams/{id}"),
               [this](const HttpRequest &rq, HttpReply &rp) { end(rq, rp); });
    router.add(M::Post, QStringLiteral("/api/v1/streams/{id}/key"),
               [this](const HttpRequest &rq, HttpReply &rp) { rotateKey(rq, rp); });
    router.add(M::Get, QStringLiteral("/api/v1/streams/{id}/metrics"),
               [this](const HttpRequest &rq, HttpReply &rp) { history(rq, rp); });
}

void StreamController::create(const HttpRequest &request, HttpReply &reply)
{
    // The body is checked first: a bad request is a 400 whoever sends it, and costs nothing.
    const QJsonObject body = parseJsonObjectBody(request.body(), {QStringLiteral("title")});
    const QString title =
        requireTextField(body, QStringLiteral("title"), StreamService::kMaxTitleLength);
    replyWhenReady(m_auth.identify(request)
                       .then(this,
                             [this, title](const Caller &caller) {
                                 m_writes.spend(caller);
                                 return m_service.create(title, caller);
                             })
                       .unwrap()
                       .then([](const CreatedStream &created) {
                           return HttpResponse::json(201, toJson(created));
                       }),
                   this, std::move(reply));
}

void StreamController::get(const HttpRequest &request, HttpReply &reply)
{
    const QUuid id = parseStreamId(request.param(0));
    if (const auto cached = m_service.findCached(id)) {
        reply.send(
            HttpResponse::text(200, QByteArrayLiteral("application/json"),
                               m_servedBodies.bodyFor(*cached, QDateTime::currentDateTimeUtc())));
        return;
    }
    replyWhenReady(m_service.find(id).then([](const Stream &stream) {
        return HttpResponse::json(200, toJson(stream, QDateTime::currentDateTimeUtc()));
    }),
                   this, std::move(reply));
}

void StreamController::list(const HttpRequest &request, HttpReply &reply)
{
    const ListQuery query = parseListQuery(request.query());
    // Only owner=me needs to know who asks; the list itself is public.
    QFuture<std::optional<QUuid>> owner = readyFuture(std::optional<QUuid>());
    if (query.mine)
        owner = m_auth.identify(request).then(
            [](const Caller &caller) { return std::optional(caller.account.id); });
    replyWhenReady(
        owner
            .then(this,
                  [this, query](const std::optional<QUuid> &ownerId) {
                      return m_service.list(query.status, ownerId, query.limit, query.after);
                  })
            .unwrap()
            .then([](const StreamPage &page) {
                const QDateTime now = QDateTime::currentDateTimeUtc();
                QJsonArray streams;
                for (const Stream &stream : page.streams)
                    streams.append(toJson(stream, now));
                return HttpResponse::json(200, {{QStringLiteral("streams"), streams},
                                                {QStringLiteral("next_cursor"),
                                                 page.next ? QJsonValue(page.next->encode())
                                                           : QJsonValue(QJsonValue::Null)}});
            }),
        this, std::move(reply));
}

void StreamController::end(const HttpRequest &request, HttpReply &reply)
{
    const QUuid id = parseStreamId(request.param(0));
    replyWhenReady(m_auth.identify(request)
                       .then(this,
                             [this, id](const Caller &caller) {
                                 m_writes.spend(caller);
                                 return m_service.end(id, caller);
                             })
                       .unwrap()
                       .then([](const Stream &stream) {
                           return HttpResponse::json(
                               200, toJson(stream, QDateTime::currentDateTimeUtc()));
                       }),
                   this, std::move(reply));
}

void StreamController::rotateKey(const HttpRequest &request, HttpReply &reply)
{
    const QUuid id = parseStreamId(request.param(0));
    replyWhenReady(m_auth.identify(request)
                       .then(this,
                             [this, id](const Caller &caller) {
                                 m_writes.spend(caller);
                                 return m_service.rotateKey(id, caller);
                             })
                       .unwrap()
                       .then([this](const QString &key) {
                           // Where to publish with it, as creating a stream tells.
                           const QList<QUrl> urls = m_service.publishUrls();
                           return HttpResponse::json(
                               201, {{QStringLiteral("stream_key"), key},
                                     {QStringLiteral("rtmp_url"), urls.first().toString()},
                                     {QStringLiteral("rtmp_urls"), toJson(urls)}});
                       }),
                   this, std::move(reply));
}

void StreamController::history(const HttpRequest &request, HttpReply &reply)
{
    const QUuid id = parseStreamId(request.param(0));
    const HistoryQuery query =
        HistoryQuery::parse(request.query(), QDateTime::currentDateTimeUtc());
    replyWhenReady(
        m_service.history(id, query.from, query.to, query.step)
            .then([id, query](const QList<StreamSample> &samples) {
                QJsonArray points;
                for (const StreamSample &sample : samples)
                    points.append(QJsonObject{
                        {QStringLiteral("time"), toRfc3339(sample.time)},
                        {QStringLiteral("viewers"), sample.viewers},
                        {QStringLiteral("bitrate_kbps"), std::round(sample.bitrateKbps * 10) / 10},
                        {QStringLiteral("fps"), std::round(sample.fps * 100) / 100}});
                return HttpResponse::json(
                    200, {{QStringLiteral("stream_id"), id.toString(QUuid::WithoutBraces)},
                          {QStringLiteral("from"), toRfc3339(query.from)},
                          {QStringLiteral("to"), toRfc3339(query.to)},
                          {QStringLiteral("step_seconds"), qint64(query.step.count())},
                          {QStringLiteral("points"), points}});
            }),
        this, std::move(reply));
}

} // namespace nova
