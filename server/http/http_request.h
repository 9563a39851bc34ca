#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QStringList>
#include <QUrlQuery>
#include <QtHttpServer/QHttpServerRequest>

namespace nova {

// A routed request: the parsed request plus the values of the route's {placeholders}. Valid only
// while the handler runs; a handler that answers later takes what it needs first.
class HttpRequest
{
public:
    HttpRequest(const QHttpServerRequest &request, QStringList params);

    const QString &param(qsizetype index) const { return m_params.at(index); }
    QByteArray header(const QByteArray &name) const { return m_request.value(name); }
    QUrlQuery query() const { return m_request.query(); }
    QByteArray body() const { return m_request.body(); }
    QHostAddress peer() const { return m_request.remoteAddress(); }
    QHttpServerRequest::Method method() const { return m_request.method(); }
    const QHttpServerRequest &raw() const { return m_request; }

private:
    const QHttpServerRequest &m_request;
    QStringList m_params;
};

} // namespace nova
