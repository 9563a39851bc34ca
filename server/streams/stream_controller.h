#pragma once

#include "server/streams/served_stream_bodies.h"

#include <QObject>

namespace nova {

class HttpRequest;
class HttpReply;
class Authenticator;
class WriteLimiter;
class Router;
class StreamService;

// /api/v1/streams: turns HTTP into StreamService calls and their outcomes back into HTTP. Reading
// is public; changes need a token, and count towards its write limit.
class StreamController : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultPageSize = 50;
    static constexpr int kMaxPageSize = 500;

    StreamController(StreamService &service, const Authenticator &auth, WriteLimiter &writes,
                     QObject *parent = nullptr);

    void registerRoutes(Router &router);

private:
    void create(const HttpRequest &request, HttpReply &reply);
    void get(const HttpRequest &request, HttpReply &reply);
    void list(const HttpRequest &request, HttpReply &reply);
    void end(const HttpRequest &request, HttpReply &reply);
    void rotateKey(const HttpRequest &request, HttpReply &reply);
    void history(const HttpRequest &request, HttpReply &reply);

    StreamService &m_service;
    const Authenticator &m_auth;
    WriteLimiter &m_writes;
    ServedStreamBodies m_servedBodies; // GET /streams/{id} of cached streams, on this thread
};

} // namespace nova
