#pragma once

#include "server/http/http_response.h"

#include <QFuture>
#include <QObject>
#include <QUuid>

namespace nova {

class Authenticator;
struct Caller;
class HttpReply;
class HttpRequest;
class IngestFleet;
class PublisherMeasurements;
class Router;
class StreamService;
class WriteLimiter;

// /api/v1/streams/{id}/publisher: what the live publisher sends, read fresh from the ingest node
// that holds it (operator or owner), and dropping it alone (operator).
class PublisherController : public QObject
{
    Q_OBJECT

public:
    PublisherController(StreamService &streams, IngestFleet &ingest,
                        const PublisherMeasurements &measurements, const Authenticator &auth,
                        WriteLimiter &writes, QObject *parent = nullptr);

    void registerRoutes(Router &router);

private:
    void get(const HttpRequest &request, HttpReply &reply);
    void drop(const HttpRequest &request, HttpReply &reply);
    QFuture<HttpResponse> read(const QUuid &id, const Caller &caller);

    StreamService &m_streams;
    IngestFleet &m_ingest;
    const PublisherMeasurements &m_measurements;
    const Authenticator &m_auth;
    WriteLimiter &m_writes;
};

} // namespace nova
