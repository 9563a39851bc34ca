#include "tests/support/raw_http_client.h"

#include <QDeadlineTimer>
#include <QTest>

namespace nova::test {

QByteArray RawResponse::header(const QByteArray &name) const
{
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

RawHttpClient::RawHttpClient(const QHostAddress &address, quint16 port)
{
    m_socket.connectToHost(address, port);
    QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket,
                     [this] { m_buffer += m_socket.readAll(); });
}

std::optional<RawResponse> RawHttpClient::take(bool headOnly)
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    RawResponse response;
    response.head = m_buffer.left(end);
    response.status = response.head.mid(9, 3).toInt();
    const qint64 length = headOnly ? 0 : response.header("content-length").toLongLong();
    if (m_buffer.size() < end + 4 + length)
        return std::nullopt;
    response.body = m_buffer.mid(end + 4, length);
    m_buffer.remove(0, end + 4 + length);
    return response;
}

std::optional<RawResponse> RawHttpClient::next(int ms, bool headOnly)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        if (auto response = take(headOnly))
            return response;
        QTest::qWait(5);
    }
    return take(headOnly);
}

bool RawHttpClient::closedByServer(int ms)
{
    QDeadlineTimer deadline(ms);
    while (m_socket.state() != QAbstractSocket::UnconnectedState && !deadline.hasExpired())
        QTest::qWait(5);
    return m_socket.state() == QAbstractSocket::UnconnectedState;
}

} // namespace nova::test
