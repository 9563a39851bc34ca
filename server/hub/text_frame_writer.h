#pragma once

#include <QByteArrayView>

class QTcpSocket;

namespace nova {

// Sends one WebSocket text frame from the server (unmasked, RFC 6455 §5.2) on a client's TCP
// socket, bypassing QWebSocket: a broadcast sends the same event to thousands of clients, and
// going through QWebSocket costs each of them a UTF-16 round trip, a frame built anew, a copy into
// Qt's write buffer, its write notifier toggled and a bytesWritten signal. When the socket's Qt
// buffer is empty, the header and the shared payload go to the kernel in one sendmsg() with no
// copy; what the kernel does not take at once (and everything, while Qt still holds earlier
// bytes) is queued in the QTcpSocket, which sends it in order. QWebSocket's own frames (pings,
// close) go through that same buffer whole, so frames never interleave.
class TextFrameWriter
{
public:
    // Returns how many bytes were left in the socket's Qt buffer (0: all in the kernel).
    static qint64 write(QTcpSocket &socket, QByteArrayView payload);
};

} // namespace nova
