#pragma once

#include "server/http/http_method.h"
#include "server/http/http_request_parser.h"

#include <QByteArray>
#include <QHostAddress>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace nova {

// A routed request: the parsed request, who sent it, and the values of the route's
// {placeholders}. Valid only while the handler runs; a handler that answers later takes what it
// needs first.
class HttpRequest
{
public:
    HttpRequest(const ParsedRequest &request, const QHostAddress &peer, QStringList params = {});

    const QString &param(qsizetype index) const { return m_params.at(index); }
    // The first value of a header field; `name` in lower case.
    QByteArray header(QByteArrayView name) const { return m_request.header(name); }
    QUrlQuery query() const;
    const QByteArray &body() const { return m_request.body; }
    QHostAddress peer() const { return m_peer; }
    HttpMethod method() const { return m_request.method; }
    // The target's path, still percent-encoded, as routes match it.
    QString encodedPath() const;
    // Path and query as a URL without scheme or host (for the WebSocket hub).
    QUrl url() const;

private:
    const ParsedRequest &m_request;
    QHostAddress m_peer;
    QStringList m_params;
};

} // namespace nova
