#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace nova {

// Follows the bytes of one HTTP/1.x connection just far enough to find where each request's head
// and body end, so that limits are enforced before anything buffers a body (QHttpServer in Qt 6.4
// has no limits of its own). It never interprets more than framing needs.
class HttpRequestFramer
{
public:
    struct Limits
    {
        qsizetype maxHeadBytes = 16 * 1024;
        qint64 maxBodyBytes = 64 * 1024;
    };

    struct Result
    {
        enum class Kind
        {
            Fine,    // everything so far is acceptable
            Reject,  // answer `status` with `message` and close; later bytes are irrelevant
            Upgrade, // a WebSocket upgrade head ended: what follows is no longer HTTP
        };
        Kind kind = Kind::Fine;
        int status = 0;
        QString message;
        int completedRequests = 0;     // requests whose last byte arrived in this chunk
        bool closeRequested = false;   // one of them asked for the connection to close afterwards
        bool continueExpected = false; // a head with "Expect: 100-continue" awaits its body
    };

    explicit HttpRequestFramer(Limits limits);

    // Feeds the next bytes of the stream. After a Reject or Upgrade, further calls return it again.
    Result feed(QByteArrayView bytes);

private:
    enum class State
    {
        Head,
        Body,
        Done
    };

    bool finishHead(Result &result);

    Limits m_limits;
    State m_state = State::Head;
    Result m_final; // the Reject/Upgrade that ended framing
    QByteArray m_head;
    qint64 m_bodyRemaining = 0;
    bool m_closeAfterThisRequest = false;
};

} // namespace nova
