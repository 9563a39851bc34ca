#pragma once

#include <QObject>

namespace nova {

class ApiError;
class HookAccess;
class HookForm;
class HttpReply;
class HttpRequest;
class PublishRateLimiter;
class Router;
class StreamService;

// /hooks/rtmp/*: nginx-rtmp's callbacks. on_publish checks the key and answers a 302 whose
// Location is the stream id, so nginx renames the stream and everything downstream (HLS paths,
// /stat, players) is named by the id, never by the key. Any refusal is a 4xx (or 503), which nginx
// turns into a dropped connection: a wrong key 403, an ended stream 409, a wrong key from an
// address that has tried too many 429 (a correct key is never held back).
class HookController : public QObject
{
    Q_OBJECT

public:
    HookController(StreamService &service, const HookAccess &access, PublishRateLimiter &limiter,
                   QObject *parent = nullptr);

    void registerRoutes(Router &router);

private:
    void onPublish(const HttpRequest &request, HttpReply &reply);
    void onPublishDone(const HttpRequest &request, HttpReply &reply);
    void onUpdate(const HttpRequest &request, HttpReply &reply);
    void onPlay(const HttpRequest &request, HttpReply &reply);
    void onPlayDone(const HttpRequest &request, HttpReply &reply);
    // The hook's form, checked: who sent it (`node`: the ingest node it proved), which call, a
    // stream name. Throws ApiError otherwise.
    HookForm readForm(const HttpRequest &request, const QStringList &calls,
                      QString *node = nullptr) const;
    // The answer to a wrong key from `address`: 403, or 429 once the address has tried too many.
    ApiError refusedKey(const QString &address);

    StreamService &m_service;
    const HookAccess &m_access;
    PublishRateLimiter &m_limiter;
};

} // namespace nova
