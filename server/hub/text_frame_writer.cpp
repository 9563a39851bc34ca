#include "server/hub/text_frame_writer.h"

#include <QTcpSocket>

#include <array>
#include <cerrno>
#include <sys/socket.h>
#include <sys/uio.h>

namespace nova {

namespace {

constexpr quint8 kFinalText = 0x81; // FIN, opcode 1 (text)

// The frame's header: 2 bytes for payloads under 126, 4 under 64 KiB, 10 beyond.
qsizetype header(std::array<char, 10> &out, qsizetype length)
{
    out[0] = char(kFinalText);
    if (length < 126) {
        out[1] = char(length);
        return 2;
    }
    if (length <= 0xffff) {
        out[1] = char(126);
        out[2] = char(length >> 8);
        out[3] = char(length);
        return 4;
    }
    out[1] = char(127);
    for (int i = 0; i < 8; ++i)
        out[2 + i] = char(quint64(length) >> (8 * (7 - i)));
    return 10;
}

} // namespace

qint64 TextFrameWriter::write(QTcpSocket &socket, QByteArrayView payload)
{
    std::array<char, 10> head{};
    const qsizetype headLength = header(head, payload.size());
    const qint64 total = headLength + payload.size();
    qint64 sent = 0;
    if (socket.bytesToWrite() == 0 && socket.state() == QAbstractSocket::ConnectedState) {
        iovec parts[2] = {{head.data(), size_t(headLength)},
                          {const_cast<char *>(payload.data()), size_t(payload.size())}};
        msghdr message{};
        message.msg_iov = parts;
        message.msg_iovlen = 2;
        ssize_t result;
        do {
            result =
                ::sendmsg(int(socket.socketDescriptor()), &message, MSG_DONTWAIT | MSG_NOSIGNAL);
        } while (result < 0 && errno == EINTR);
        // Any error (EAGAIN, a peer gone): Qt's own write below meets it too and says so the
        // way the socket's users expect (disconnected, errorOccurred).
        sent = std::max<ssize_t>(result, 0);
    }
    if (sent == total)
        return 0;
    if (sent < headLength)
        socket.write(head.data() + sent, headLength - sent);
    const qsizetype payloadSent = std::max<qint64>(sent - headLength, 0);
    socket.write(payload.data() + payloadSent, payload.size() - payloadSent);
    return total - sent;
}

} // namespace nova
