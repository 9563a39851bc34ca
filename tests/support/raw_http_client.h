#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QTcpSocket>

#include <optional>

namespace nova::test {

// One HTTP response as it came off the wire.
struct RawResponse
{
    int status = 0;
    QByteArray head; // status line and headers, without the empty line
    QByteArray body;

    QByteArray header(const QByteArray &name) const; // case-insensitive; first value
};

// HTTP/1.1 over a bare socket, for what a library would not send (pipelining, malformed framing):
// bytes go out as given, responses are read back one by one by their Content-Length.
class RawHttpClient
{
public:
    RawHttpClient(const QHostAddress &address, quint16 port);

    QTcpSocket &socket() { return m_socket; }
    void send(const QByteArray &bytes) { m_socket.write(bytes); }
    // The next complete response, waiting up to `ms`; HEAD answers are read without a body when
    // `headOnly` is set.
    std::optional<RawResponse> next(int ms = 5000, bool headOnly = false);
    // Whether the server closed the connection within `ms`.
    bool closedByServer(int ms = 5000);
    // What has arrived and no next() has taken yet.
    QByteArray buffered() const { return m_buffer; }

private:
    std::optional<RawResponse> take(bool headOnly);

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

} // namespace nova::test
