#pragma once

#include <QObject>

namespace nova {

class HookAccess;
class HookForm;
class HttpReply;
class HttpRequest;
class Router;
class StreamService;

// /hooks/rtmp/*: nginx-rtmp's callbacks. on_publish checks the key and answers a 302 whose
// Location is the stream id, so nginx renames the stream and everything downstream (HLS paths,
// /stat) is named by the id, never by the key. Any refusal is a 4xx, which nginx turns into a
// dropped publisher.
class HookController : public QObject
{
    Q_OBJECT

public:
    HookController(StreamService &service, const HookAccess &access, QObject *parent = nullptr);

    void registerRoutes(Router &router);

private:
    void onPublish(const HttpRequest &request, HttpReply &reply);
    void onPublishDone(const HttpRequest &request, HttpReply &reply);
    HookForm readForm(const HttpRequest &request, const QString &expectedCall) const;

    StreamService &m_service;
    const HookAccess &m_access;
};

} // namespace nova
