#include "server/publisher/publisher_controller.h"

#include "server/auth/authenticator.h"
#include "server/auth/write_limiter.h"
#include "server/http/router.h"
#include "server/ingest/ingest_client.h"
#include "server/ingest/ingest_fleet.h"
#include "server/publisher/publisher_measurements.h"
#include "server/publisher/publisher_reading.h"
#include "server/streams/stream_id.h"
#include "server/streams/stream_service.h"
#include "shared/api_error.h"
#include "shared/json_values.h"
#include "shared/stream_json.h"

namespace nova {

PublisherController::PublisherController(StreamService &streams, IngestFleet &ingest,
                                         const PublisherMeasurements &measurements,
                                         const Authenticator &auth, WriteLimiter &writes,
                                         QObject *parent)
    : QObject(parent)
    , m_streams(streams)
    , m_ingest(ingest)
    , m_measurements(measurements)
    , m_auth(auth)
    , m_writes(writes)
{}

void PublisherController::registerRoutes(Router &router)
{
    using M = Router::Method;
    router.add(M::Get, QStringLiteral("/api/v1/streams/{id}/publisher"),
               [this](const HttpRequest &rq, HttpReply &rp) { get(rq, rp); });
    router.add(M::Delete, QStringLiteral("/api/v1/streams/{id}/publisher"),
               [this](const HttpRequest &rq, HttpReply &rp) { drop(rq, rp); });
}

void PublisherController::get(const HttpRequest &request, HttpReply &reply)
{
    const QUuid id = parseStreamId(request.param(0));
    replyWhenReady(m_auth.identify(request)
                       .then(this, [this, id](const Caller &caller) { return read(id, caller); })
                       .unwrap(),
                   this, std::move(reply));
}

QFuture<HttpResponse> PublisherController::read(const QUuid &id, const Caller &caller)
{
    return m_streams.find(id)
        .then(this,
              [this, id, caller](const Stream &stream) {
                  if (!caller.mayActFor(stream.owner))
                      throw ApiError::forbidden(
                          QStringLiteral("the stream belongs to another account"));
                  if (stream.status != StreamStatus::Active)
                      throw StreamService::noPublisher(id);
                  const QString node = m_ingest.holderOf(stream.ingest);
                  // Fresh from the node: the fleet's last reading may predate this publisher.
                  IngestClient &client = m_ingest.client(node);
                  return client.stat().then(this, [this, id, node,
                                                   application = client.application()](
                                                      const NginxStat &stat) {
                      const QString name = idText(id);
                      for (const NginxStat::Stream &live : stat.publishing(application)) {
                          if (live.name == name)
                              return HttpResponse::json(
                                  200, toJson(publisherDetails(live, node, m_measurements.of(id))));
                      }
                      throw StreamService::noPublisher(id);
                  });
              })
        .unwrap();
}

void PublisherController::drop(const HttpRequest &request, HttpReply &reply)
{
    const QUuid id = parseStreamId(request.param(0));
    replyWhenReady(m_auth.identify(request)
                       .then(this,
                             [this, id](const Caller &caller) {
                                 m_writes.spend(caller);
                                 return m_streams.dropPublisher(id, caller);
                             })
                       .unwrap()
                       .then([](const Stream &stream) {
                           return HttpResponse::json(
                               200, toJson(stream, QDateTime::currentDateTimeUtc()));
                       }),
                   this, std::move(reply));
}

} // namespace nova
