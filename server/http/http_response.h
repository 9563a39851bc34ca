#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace nova {

class ApiError;

// A complete answer, built by a controller (often in a database worker) and written by HttpReply.
struct HttpResponse
{
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    int status = 200;
    QByteArray contentType;
    QByteArray body;
    Headers headers;

    static HttpResponse json(int status, const QJsonObject &object);
    // A 302 with a Location: how ingest hooks rename a stream (nginx-rtmp reads the header).
    static HttpResponse redirect(const QByteArray &location);
    static HttpResponse text(int status, QByteArray contentType, QByteArray body);
    // The API's error body, with the headers its status calls for.
    static HttpResponse error(const ApiError &error);

    // The whole response as it goes on the wire; without its body (but with the body's
    // Content-Length) for a HEAD request.
    QByteArray toBytes(bool withBody = true) const;
};

} // namespace nova
