#pragma once

#include "server/http/http_method.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

namespace nova {

// One request as it arrived: what the parser read of its head, and its body.
struct ParsedRequest
{
    HttpMethod method = HttpMethod::Other;
    QByteArray target;  // as sent: origin-form path with its query, still percent-encoded
    QByteArray version; // "HTTP/1.1" or "HTTP/1.0"
    // Field names lower-cased, values without surrounding whitespace, in the order received.
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool keepAlive = true;
    bool upgrade = false; // asks for a WebSocket upgrade: what follows its head is not HTTP

    // The first value of a field (name in lower case), or an empty array.
    QByteArray header(QByteArrayView name) const;
};

// Reads the bytes of one HTTP/1.1 connection into requests, strictly after RFC 9112: anything a
// lenient reader and this one could frame differently (a proxy in front included) is refused, so
// that where one request ends is never in doubt. Limits are enforced before a body is buffered.
// It is the only reader of request bytes in nova-server.
class HttpRequestParser
{
public:
    struct Limits
    {
        qsizetype maxHeadBytes = 16 * 1024;
        qsizetype maxTargetBytes = 8 * 1024;
        qint64 maxBodyBytes = 64 * 1024;
    };

    struct Step
    {
        enum class Kind
        {
            NeedMore, // every byte was taken; the request is not complete yet
            Request,  // `request` is complete; `consumed` bytes of the input were its end
            Reject,   // answer `status` with `message` and close; later bytes are irrelevant
        };
        Kind kind = Kind::NeedMore;
        qsizetype consumed = 0;
        ParsedRequest request;
        int status = 0;
        QString message;
        bool continueExpected =
            false; // NeedMore: a head with "Expect: 100-continue" awaits its body
    };

    explicit HttpRequestParser(Limits limits);

    // Takes bytes until one request is complete, or all of them. An upgrade request is complete
    // at the end of its head. After a Reject, every call returns it again.
    Step feed(QByteArrayView bytes);

private:
    enum class State
    {
        Head,
        Body,
        Rejected
    };

    bool finishHead(Step &step);
    Step reject(int status, QString message);

    Limits m_limits;
    State m_state = State::Head;
    Step m_rejection;
    QByteArray m_head;
    ParsedRequest m_request;
    qint64 m_bodyRemaining = 0;
};

} // namespace nova
